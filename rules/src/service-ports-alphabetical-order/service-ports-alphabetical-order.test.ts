import { runFixtures } from '../testing/run-fixtures.js';
import { servicePortsAlphabeticalOrder } from './service-ports-alphabetical-order.js';

runFixtures(servicePortsAlphabeticalOrder, import.meta.url);
