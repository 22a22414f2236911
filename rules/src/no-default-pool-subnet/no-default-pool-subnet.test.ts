import { runFixtures } from '../testing/run-fixtures.js';
import { noDefaultPoolSubnet } from './no-default-pool-subnet.js';

runFixtures(noDefaultPoolSubnet, import.meta.url);
