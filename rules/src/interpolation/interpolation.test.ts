import { runFixtures } from '../testing/run-fixtures.js';
import { interpolation } from './interpolation.js';

runFixtures(interpolation, import.meta.url);
