import { runFixtures } from '../testing/run-fixtures.js';
import { requireNoNewPrivileges } from './require-no-new-privileges.js';

runFixtures(requireNoNewPrivileges, import.meta.url);
