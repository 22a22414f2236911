import { runFixtures } from '../testing/run-fixtures.js';
import { serviceDependenciesAlphabeticalOrder } from './service-dependencies-alphabetical-order.js';

runFixtures(serviceDependenciesAlphabeticalOrder, import.meta.url);
