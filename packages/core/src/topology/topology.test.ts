import { describe, expect, it } from 'vitest';
import { memoryHost } from '../host.js';
import { loadProject } from '../load/load-project.js';
import { buildTopology } from './topology.js';

const topology = (text: string) => buildTopology(loadProject({ host: memoryHost({ '/p/compose.yaml': text }), cwd: '/p', env: {} }));

const threeTier = `
name: shop
services:
  proxy:
    image: nginx:1
    ports: ["80:80", "127.0.0.1:8443:443"]
    networks: [front]
  api:
    image: api:1
    networks: [front, back]
  db:
    image: postgres:17
    ports: ["5432:5432"]
    networks: [back]
  sidecar:
    image: envoy:1
    network_mode: service:api
  tool:
    image: tool:1
    network_mode: none
networks:
  front: {}
  back:
    internal: true
`;

describe('buildTopology', () => {
  it('attaches services, follows shared namespaces and names networks', () => {
    const t = topology(threeTier);
    expect([...t.networks.values()].map((n) => [n.key, n.name, n.internal, n.members])).toEqual([
      ['front', 'shop_front', false, ['proxy', 'api', 'sidecar']],
      ['back', 'shop_back', true, ['api', 'db', 'sidecar']],
    ]);
    expect(t.services.get('sidecar')).toMatchObject({ mode: 'service', namespaceOf: 'api', networks: ['front', 'back'] });
    expect(t.services.get('tool')).toMatchObject({ mode: 'none', networks: [], egress: false });
  });

  it('computes direct reach from membership, both directions, with the networks it goes over', () => {
    const t = topology(threeTier);
    expect(t.reaches('proxy', 'api')?.via).toEqual(['front']);
    expect(t.reaches('api', 'proxy')?.via).toEqual(['front']);
    expect(t.reaches('api', 'db')?.via).toEqual(['back']);
    expect(t.reaches('sidecar', 'api')?.via).toEqual(['localhost']);
    expect(t.reaches('proxy', 'db')).toBeUndefined();
    expect(t.reaches('tool', 'api')).toBeUndefined();
  });

  it('gives egress only through a non-internal network, and binds no port of an internal-only service', () => {
    const t = topology(threeTier);
    expect(t.egress).toEqual(['api', 'proxy', 'sidecar']);
    expect(t.ingress.map((p) => [p.service, p.hostIp ?? '*', p.published, p.target, p.protocol, p.loopback])).toEqual([
      ['proxy', '*', '80', 80, 'tcp', false],
      ['proxy', '127.0.0.1', '8443', 443, 'tcp', true],
    ]);
  });

  it('finds the shortest transitive path, alternating services and networks', () => {
    const t = topology(threeTier);
    expect(t.path('proxy', 'db')).toEqual(['proxy', 'front', 'api', 'back', 'db']);
    expect(t.path('tool', 'db')).toBeNull();
  });

  it('finds the services that reach one service, directly or through others: those path() finds a way from', () => {
    const t = topology(threeTier);
    expect([...t.reachersOf('db')].sort()).toEqual(['api', 'proxy', 'sidecar']);
    for (const from of t.services.keys()) expect(t.reachersOf('db').has(from), from).toBe(from !== 'db' && t.path(from, 'db') !== null);
    expect(t.reachersOf('tool')).toEqual(new Set());
    expect(t.reachersOf('nothing')).toEqual(new Set());
  });

  it('honours enable_icc "false": members do not reach each other over that network', () => {
    const t = topology(`
services:
  a: { image: a:1, networks: [iso] }
  b: { image: b:1, networks: [iso] }
networks:
  iso:
    driver_opts:
      com.docker.network.bridge.enable_icc: "false"
`);
    expect(t.reach).toEqual([]);
    expect(t.path('a', 'b')).toBeNull();
  });

  it('lets a host-mode service reach every container on a bridge network, and services with a gateway reach it', () => {
    const t = topology(`
services:
  monitor: { image: m:1, network_mode: host }
  web: { image: w:1, ports: ["8080:80"] }
  worker: { image: k:1 }
`);
    expect(t.reaches('monitor', 'web')?.via).toEqual(['host']);
    // Confirmed on Engine 20.10: the host routes to its bridges, so unpublished ports are in reach.
    expect(t.reaches('monitor', 'worker')?.via).toEqual(['host']);
    expect(t.reaches('worker', 'monitor')?.via).toEqual(['host']);
    expect(t.path('monitor', 'worker')).toEqual(['monitor', 'host', 'worker']);
  });

  it('leaves services disabled by profiles out', () => {
    const t = topology('services:\n  a: { image: a:1 }\n  dbg: { image: d:1, profiles: [debug] }\n');
    expect([...t.services.keys()]).toEqual(['a']);
    expect(t.networks.get('default')?.members).toEqual(['a']);
  });
});

describe('large flat networks', () => {
  it('answers pairs from membership without listing n² reaches', () => {
    const text = `services:\n${Array.from({ length: 2000 }, (_, i) => `  s${i}:\n    image: app:1\n`).join('')}`;
    const t = topology(text);
    expect(t.reaches('s1', 's1999')).toEqual({ from: 's1', to: 's1999', via: ['default'] });
    expect(t.reaches('s1', 's1')).toBeUndefined();
    expect(t.path('s0', 's1999')).toEqual(['s0', 'default', 's1999']);
  });
});
