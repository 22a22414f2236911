import { runFixtures } from '../testing/run-fixtures.js';
import { requireImageDigest } from './require-image-digest.js';

runFixtures(requireImageDigest, import.meta.url);
