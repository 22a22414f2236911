import { runFixtures } from '../testing/run-fixtures.js';
import { noUnusedVolume } from './no-unused-volume.js';

runFixtures(noUnusedVolume, import.meta.url);
