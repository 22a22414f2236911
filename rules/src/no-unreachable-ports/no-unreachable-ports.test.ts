import { runFixtures } from '../testing/run-fixtures.js';
import { noUnreachablePorts } from './no-unreachable-ports.js';

runFixtures(noUnreachablePorts, import.meta.url);
