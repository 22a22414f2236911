import { runFixtures } from '../testing/run-fixtures.js';
import { noSharedMountPropagation } from './no-shared-mount-propagation.js';

runFixtures(noSharedMountPropagation, import.meta.url);
