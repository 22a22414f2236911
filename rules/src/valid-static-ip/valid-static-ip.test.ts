import { runFixtures } from '../testing/run-fixtures.js';
import { validStaticIp } from './valid-static-ip.js';

runFixtures(validStaticIp, import.meta.url);
