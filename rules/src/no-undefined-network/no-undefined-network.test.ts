import { runFixtures } from '../testing/run-fixtures.js';
import { noUndefinedNetwork } from './no-undefined-network.js';

runFixtures(noUndefinedNetwork, import.meta.url);
