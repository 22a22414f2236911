import { describe, expect, it } from 'vitest';
import { memoryHost } from '../host.js';
import { intentsOf } from '../intent/index.js';
import { createSession } from '../session/session.js';
import { datastoreServices } from '../topology/images.js';
import { topologyOf } from '../topology/topology.js';
import type { Project } from '../model/project.js';
import { planNetworkSplit } from './network-split.js';
import { splitEdits } from './split-edits.js';
import { unneededDatastoreReach } from './unneeded-reach.js';

function split(compose: string) {
  const files = { '/p/compose.yaml': compose };
  const session = createSession({ rules: [], cwd: '/p', env: {}, host: memoryHost(files) });
  const ref = { kind: 'directory', directory: '/p' } as const;
  const loaded = session.load(ref);
  if (!loaded.ok) throw new Error('load failed');
  const project = loaded.value;
  const topology = topologyOf(project);
  const plan = planNetworkSplit(topology, intentsOf(project, topology), datastoreServices(topology));
  const fixed = session.fix(ref, { edits: splitEdits(plan), maxPasses: 50 });
  if (!fixed.ok) throw new Error('fix failed');
  return { plan, text: fixed.value.changes[0]?.fixed ?? compose, after: fixed.value.project };
}

/** What the split must give: every intent reached directly, no datastore reached without one. */
function holds(project: Project) {
  const topology = topologyOf(project);
  const intents = intentsOf(project, topology);
  return {
    unreached: intents.filter((i) => !topology.reaches(i.from, i.to)).map((i) => `${i.from} → ${i.to}`),
    unneeded: unneededDatastoreReach(topology, intents, datastoreServices(topology)).map((u) => `${u.service} → ${u.datastore}`),
  };
}

describe('planNetworkSplit', () => {
  it('moves a datastore off the default network shared with a service that does not use it', () => {
    const compose = `services:
  frontend:
    image: web:1
    environment:
      API_URL: http://backend:8080
  backend:
    image: api:1
    environment:
      DATABASE_URL: postgres://app@db:5432/app # the one client
  db:
    image: postgres:17
`;
    const { plan, text, after } = split(compose);
    expect(plan).toEqual({
      added: [{ key: 'db-clients', internal: true, members: ['backend', 'db'] }],
      changes: [
        { service: 'backend', join: ['db-clients'], leave: [], aliases: [] },
        { service: 'db', join: ['db-clients'], leave: ['default'], aliases: [] },
      ],
      notes: ['The datastore "db" keeps no network with egress: it can no longer open connections outside the project.'],
    });
    expect(text).toBe(`services:
  frontend:
    image: web:1
    environment:
      API_URL: http://backend:8080
  backend:
    image: api:1
    environment:
      DATABASE_URL: postgres://app@db:5432/app # the one client
    networks:
      - default
      - db-clients
  db:
    image: postgres:17
    networks:
      - db-clients
networks:
  db-clients:
    internal: true
`);
    expect(holds(after)).toEqual({ unreached: [], unneeded: [] });
  });

  it('edits a list an anchor shares when every copy changes alike, and splits two datastores that must not meet', () => {
    const compose = `x-app: &app
  image: app:1
  environment:
    DATABASE_URL: postgres://db:5432/app
    REDIS_URL: redis://cache:6379
  networks: [back]
services:
  app1: *app
  app2: *app
  db:
    image: postgres:17
    networks: [back]
  cache:
    image: redis:7
    networks:
      back:
networks:
  back: { internal: true }
`;
    const { plan, text, after } = split(compose);
    expect(plan.added).toEqual([{ key: 'cache-clients', internal: true, members: ['app1', 'app2', 'cache'] }]);
    expect(text).toBe(`x-app: &app
  image: app:1
  environment:
    DATABASE_URL: postgres://db:5432/app
    REDIS_URL: redis://cache:6379
  networks: [back, cache-clients]
services:
  app1: *app
  app2: *app
  db:
    image: postgres:17
    networks: [back]
  cache:
    image: redis:7
    networks:
      cache-clients: {}
networks:
  back: { internal: true }
  cache-clients:
    internal: true
`);
    expect(holds(after)).toEqual({ unreached: [], unneeded: [] });
  });

  it('gives a datastore nothing uses a network of its own, and leaves a service in host mode alone', () => {
    const compose = `services:
  web:
    image: web:1
  db:
    image: mysql:8
  agent:
    image: agent:1
    network_mode: host
`;
    const { plan, text, after } = split(compose);
    expect(plan.notes).toEqual([
      'No intent uses the datastore "db": it gets a network of its own.',
      'The datastore "db" keeps no network with egress: it can no longer open connections outside the project.',
    ]);
    expect(text).toBe(`services:
  web:
    image: web:1
  db:
    image: mysql:8
    networks:
      - db-isolated
  agent:
    image: agent:1
    network_mode: host
networks:
  db-isolated:
    internal: true
`);
    expect(holds(after)).toEqual({ unreached: [], unneeded: [] });
  });

  it('writes networks into a service an anchor copies when every copy on the implicit default changes alike', () => {
    const compose = `services:
  app: &app
    image: app:1
    environment:
      CACHE_HOST: cache
  worker:
    <<: *app
    command: work
  cache:
    image: valkey/valkey:8.0
  docs:
    image: docs:1
`;
    const { text, after } = split(compose);
    expect(text).toBe(`services:
  app: &app
    image: app:1
    environment:
      CACHE_HOST: cache
    networks:
      - default
      - cache-clients
  worker:
    <<: *app
    command: work
  cache:
    image: valkey/valkey:8.0
    networks:
      - cache-clients
  docs:
    image: docs:1
networks:
  cache-clients:
    internal: true
`);
    expect(holds(after)).toEqual({ unreached: [], unneeded: [] });
  });

  it('keeps the aliases a datastore had on the network it leaves, so that clients naming it by one still find it', () => {
    const compose = `services:
  mail:
    image: mail:1
    environment:
      DB_HOST: sql
    networks: [net]
  web:
    image: web:1
    networks: [net]
  db:
    image: mariadb:11.4
    networks:
      net:
        aliases: [sql]
networks:
  net: {}
`;
    const { text, after } = split(compose);
    expect(text).toBe(`services:
  mail:
    image: mail:1
    environment:
      DB_HOST: sql
    networks: [net, db-clients]
  web:
    image: web:1
    networks: [net]
  db:
    image: mariadb:11.4
    networks:
      db-clients:
        aliases:
          - sql
networks:
  net: {}
  db-clients:
    internal: true
`);
    expect(holds(after)).toEqual({ unreached: [], unneeded: [] });
    expect(intentsOf(after).map((i) => `${i.from} → ${i.to} (${i.host})`)).toEqual(['mail → db (sql)']);
  });

  it('gives a service its own networks when the list an anchor shares must change differently for each copy', () => {
    const compose = `x-store: &store
  networks: [data]
x-app: &app
  image: app:1
  networks: [data]
services:
  orders:
    <<: *app
    environment:
      DATABASE_URL: postgres://db:5432/orders
  search:
    <<: *app
    environment:
      SEARCH_URL: http://index:9200
  db:
    <<: *store
    image: postgres:17
  index:
    <<: *store
    image: opensearchproject/opensearch:2.18.0
networks:
  data: { internal: true }
`;
    const { text, after } = split(compose);
    expect(text).toBe(`x-store: &store
  networks: [data]
x-app: &app
  image: app:1
  networks: [data]
services:
  orders:
    <<: *app
    environment:
      DATABASE_URL: postgres://db:5432/orders
    networks:
      - data
      - db-clients
  search:
    <<: *app
    environment:
      SEARCH_URL: http://index:9200
    networks:
      - data
      - index-clients
  db:
    <<: *store
    image: postgres:17
    networks:
      - db-clients
  index:
    <<: *store
    image: opensearchproject/opensearch:2.18.0
    networks:
      - index-clients
networks:
  data: { internal: true }
  db-clients:
    internal: true
  index-clients:
    internal: true
`);
    expect(holds(after)).toEqual({ unreached: [], unneeded: [] });
  });
});
