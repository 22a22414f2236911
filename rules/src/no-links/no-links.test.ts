import { runFixtures } from '../testing/run-fixtures.js';
import { noLinks } from './no-links.js';

runFixtures(noLinks, import.meta.url);
