import { runFixtures } from '../testing/run-fixtures.js';
import { requireResourceLimits } from './require-resource-limits.js';

runFixtures(requireResourceLimits, import.meta.url);
