import { runFixtures } from '../testing/run-fixtures.js';
import { noExposedDatastoreAccess } from './no-exposed-datastore-access.js';

runFixtures(noExposedDatastoreAccess, import.meta.url);
