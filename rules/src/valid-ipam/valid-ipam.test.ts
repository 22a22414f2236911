import { runFixtures } from '../testing/run-fixtures.js';
import { validIpam } from './valid-ipam.js';

runFixtures(validIpam, import.meta.url);
