import { runFixtures } from '../testing/run-fixtures.js';
import { noPrivileged } from './no-privileged.js';

runFixtures(noPrivileged, import.meta.url);
