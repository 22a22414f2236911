import { runFixtures } from '../testing/run-fixtures.js';
import { noDangerousDevices } from './no-dangerous-devices.js';

runFixtures(noDangerousDevices, import.meta.url);
