import { runFixtures } from '../testing/run-fixtures.js';
import { noAliasShadowing } from './no-alias-shadowing.js';

runFixtures(noAliasShadowing, import.meta.url);
