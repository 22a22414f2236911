import { runFixtures } from '../testing/run-fixtures.js';
import { noPrivilegedPorts } from './no-privileged-ports.js';

runFixtures(noPrivilegedPorts, import.meta.url);
