import { runFixtures } from '../testing/run-fixtures.js';
import { composeLoad } from './compose-load.js';

runFixtures(composeLoad, import.meta.url);
