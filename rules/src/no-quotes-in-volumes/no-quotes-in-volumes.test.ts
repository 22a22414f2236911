import { runFixtures } from '../testing/run-fixtures.js';
import { noQuotesInVolumes } from './no-quotes-in-volumes.js';

runFixtures(noQuotesInVolumes, import.meta.url);
