import { runFixtures } from '../testing/run-fixtures.js';
import { reachabilityPolicy } from './reachability-policy.js';

runFixtures(reachabilityPolicy, import.meta.url);
