import { runFixtures } from '../testing/run-fixtures.js';
import { requireProjectName } from './require-project-name.js';

runFixtures(requireProjectName, import.meta.url);
