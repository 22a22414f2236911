import { runFixtures } from '../testing/run-fixtures.js';
import { tmpfsNoexec } from './tmpfs-noexec.js';

runFixtures(tmpfsNoexec, import.meta.url);
