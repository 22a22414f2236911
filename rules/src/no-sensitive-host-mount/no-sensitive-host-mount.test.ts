import { runFixtures } from '../testing/run-fixtures.js';
import { noSensitiveHostMount } from './no-sensitive-host-mount.js';

runFixtures(noSensitiveHostMount, import.meta.url);
