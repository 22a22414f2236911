import { runFixtures } from '../testing/run-fixtures.js';
import { noVersionField } from './no-version-field.js';

runFixtures(noVersionField, import.meta.url);
