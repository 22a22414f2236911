import { runFixtures } from '../testing/run-fixtures.js';
import { noUnreachableUpstream } from './no-unreachable-upstream.js';

runFixtures(noUnreachableUpstream, import.meta.url);
