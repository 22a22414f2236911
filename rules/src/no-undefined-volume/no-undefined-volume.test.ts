import { runFixtures } from '../testing/run-fixtures.js';
import { noUndefinedVolume } from './no-undefined-volume.js';

runFixtures(noUndefinedVolume, import.meta.url);
