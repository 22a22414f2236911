import { runFixtures } from '../testing/run-fixtures.js';
import { validContainerName } from './valid-container-name.js';

runFixtures(validContainerName, import.meta.url);
