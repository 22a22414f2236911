import { runFixtures } from '../testing/run-fixtures.js';
import { requireImageTag } from './require-image-tag.js';

runFixtures(requireImageTag, import.meta.url);
