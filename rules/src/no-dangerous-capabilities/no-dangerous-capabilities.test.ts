import { runFixtures } from '../testing/run-fixtures.js';
import { noDangerousCapabilities } from './no-dangerous-capabilities.js';

runFixtures(noDangerousCapabilities, import.meta.url);
