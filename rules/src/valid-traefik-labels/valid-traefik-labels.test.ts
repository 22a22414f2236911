import { runFixtures } from '../testing/run-fixtures.js';
import { validTraefikLabels } from './valid-traefik-labels.js';

runFixtures(validTraefikLabels, import.meta.url);
