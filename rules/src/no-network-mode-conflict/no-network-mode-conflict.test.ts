import { runFixtures } from '../testing/run-fixtures.js';
import { noNetworkModeConflict } from './no-network-mode-conflict.js';

runFixtures(noNetworkModeConflict, import.meta.url);
