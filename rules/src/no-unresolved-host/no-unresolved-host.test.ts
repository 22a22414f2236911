import { runFixtures } from '../testing/run-fixtures.js';
import { noUnresolvedHost } from './no-unresolved-host.js';

runFixtures(noUnresolvedHost, import.meta.url);
