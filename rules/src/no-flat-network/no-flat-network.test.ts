import { runFixtures } from '../testing/run-fixtures.js';
import { noFlatNetwork } from './no-flat-network.js';

runFixtures(noFlatNetwork, import.meta.url);
