import { runFixtures } from '../testing/run-fixtures.js';
import { noHostNamespaces } from './no-host-namespaces.js';

runFixtures(noHostNamespaces, import.meta.url);
