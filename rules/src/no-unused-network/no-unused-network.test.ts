import { runFixtures } from '../testing/run-fixtures.js';
import { noUnusedNetwork } from './no-unused-network.js';

runFixtures(noUnusedNetwork, import.meta.url);
