import { runFixtures } from '../testing/run-fixtures.js';
import { noUnboundPortInterfaces } from './no-unbound-port-interfaces.js';

runFixtures(noUnboundPortInterfaces, import.meta.url);
