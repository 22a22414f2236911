import { runFixtures } from '../testing/run-fixtures.js';
import { noSubnetOverlap } from './no-subnet-overlap.js';

runFixtures(noSubnetOverlap, import.meta.url);
