import { runFixtures } from '../testing/run-fixtures.js';
import { noHostPortConflict } from './no-host-port-conflict.js';

runFixtures(noHostPortConflict, import.meta.url);
