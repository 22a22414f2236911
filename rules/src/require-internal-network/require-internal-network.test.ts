import { runFixtures } from '../testing/run-fixtures.js';
import { requireInternalNetwork } from './require-internal-network.js';

runFixtures(requireInternalNetwork, import.meta.url);
