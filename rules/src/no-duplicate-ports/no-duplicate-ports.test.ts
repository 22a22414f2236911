import { runFixtures } from '../testing/run-fixtures.js';
import { noDuplicatePorts } from './no-duplicate-ports.js';

runFixtures(noDuplicatePorts, import.meta.url);
