import { runFixtures } from '../testing/run-fixtures.js';
import { requireCapDropAll } from './require-cap-drop-all.js';

runFixtures(requireCapDropAll, import.meta.url);
