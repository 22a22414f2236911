import { runFixtures } from '../testing/run-fixtures.js';
import { noDnsCollision } from './no-dns-collision.js';

runFixtures(noDnsCollision, import.meta.url);
