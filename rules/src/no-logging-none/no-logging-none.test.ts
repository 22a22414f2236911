import { runFixtures } from '../testing/run-fixtures.js';
import { noLoggingNone } from './no-logging-none.js';

runFixtures(noLoggingNone, import.meta.url);
