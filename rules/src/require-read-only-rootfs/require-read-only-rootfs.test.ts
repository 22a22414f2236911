import { runFixtures } from '../testing/run-fixtures.js';
import { requireReadOnlyRootfs } from './require-read-only-rootfs.js';

runFixtures(requireReadOnlyRootfs, import.meta.url);
