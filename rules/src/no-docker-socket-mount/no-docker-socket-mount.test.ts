import { runFixtures } from '../testing/run-fixtures.js';
import { noDockerSocketMount } from './no-docker-socket-mount.js';

runFixtures(noDockerSocketMount, import.meta.url);
