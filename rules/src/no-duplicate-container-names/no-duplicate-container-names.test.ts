import { runFixtures } from '../testing/run-fixtures.js';
import { noDuplicateContainerNames } from './no-duplicate-container-names.js';

runFixtures(noDuplicateContainerNames, import.meta.url);
