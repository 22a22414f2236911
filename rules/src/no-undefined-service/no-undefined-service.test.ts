import { runFixtures } from '../testing/run-fixtures.js';
import { noUndefinedService } from './no-undefined-service.js';

runFixtures(noUndefinedService, import.meta.url);
