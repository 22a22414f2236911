import { runFixtures } from '../testing/run-fixtures.js';
import { composeSchema } from './compose-schema.js';

runFixtures(composeSchema, import.meta.url);
