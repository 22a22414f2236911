import { runFixtures } from '../testing/run-fixtures.js';
import { noSharedDatastoreNetwork } from './no-shared-datastore-network.js';

runFixtures(noSharedDatastoreNetwork, import.meta.url);
