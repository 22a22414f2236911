import { runFixtures } from '../testing/run-fixtures.js';
import { validNetworkDriver } from './valid-network-driver.js';

runFixtures(validNetworkDriver, import.meta.url);
