import { runFixtures } from '../testing/run-fixtures.js';
import { noRootUser } from './no-root-user.js';

runFixtures(noRootUser, import.meta.url);
