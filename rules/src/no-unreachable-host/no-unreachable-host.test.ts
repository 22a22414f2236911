import { runFixtures } from '../testing/run-fixtures.js';
import { noUnreachableHost } from './no-unreachable-host.js';

runFixtures(noUnreachableHost, import.meta.url);
