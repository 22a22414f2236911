import { runFixtures } from '../testing/run-fixtures.js';
import { noBuildAndImage } from './no-build-and-image.js';

runFixtures(noBuildAndImage, import.meta.url);
