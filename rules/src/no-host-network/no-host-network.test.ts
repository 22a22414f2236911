import { runFixtures } from '../testing/run-fixtures.js';
import { noHostNetwork } from './no-host-network.js';

runFixtures(noHostNetwork, import.meta.url);
