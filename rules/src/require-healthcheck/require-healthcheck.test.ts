import { runFixtures } from '../testing/run-fixtures.js';
import { requireHealthcheck } from './require-healthcheck.js';

runFixtures(requireHealthcheck, import.meta.url);
