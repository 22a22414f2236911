import { runFixtures } from '../testing/run-fixtures.js';
import { noUnneededReach } from './no-unneeded-reach.js';

runFixtures(noUnneededReach, import.meta.url);
