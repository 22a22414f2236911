import { describe, expect, it } from 'vitest';
import { memoryHost } from '../host.js';
import { loadProject } from '../load/load-project.js';
import { engineVersion } from './engine-version.js';
import { buildTopology, type Topology } from './topology.js';

/**
 * The topology gaps found by running projects on a real Engine (issue 15), each as Docker does it.
 * "Engine 20.10" marks what was confirmed on one; the rest cites the documentation in the code.
 */
const topology = (text: string, engine?: string) =>
  buildTopology(loadProject({ host: memoryHost({ '/p/compose.yaml': text }), cwd: '/p', env: {} }), engineVersion(engine));

const ingressOf = (t: Topology) => t.ingress.map((p) => [p.service, p.hostIp ?? null, p.published, p.target, p.addresses, p.loopback]);

describe('published ports', () => {
  it('lists ephemeral ports (no host port: Docker picks one), on 0.0.0.0 and [::] without a host address (Engine 20.10)', () => {
    const t = topology('name: p\nservices:\n  db:\n    image: postgres:17\n    ports: ["5432", "127.0.0.1::8000", "[::1]:9000:9000"]\n');
    expect(ingressOf(t)).toEqual([
      ['db', null, '', 5432, ['0.0.0.0', '::'], false],
      ['db', '127.0.0.1', '', 8000, ['127.0.0.1'], true],
      ['db', '::1', '9000', 9000, ['::1'], true],
    ]);
  });

  it('binds no port of host, none and service: mode services (Docker discards or refuses them; Engine 20.10)', () => {
    const t = topology(`
services:
  app: { image: a:1, ports: ["8080:80"] }
  mon: { image: m:1, network_mode: host, ports: ["9100:9100"] }
  side: { image: s:1, network_mode: "service:app", ports: ["9000:9000"] }
  off: { image: o:1, network_mode: none, ports: ["7000:7000"] }
`);
    expect(ingressOf(t)).toEqual([['app', null, '8080', 80, ['0.0.0.0', '::'], false]]);
  });

  it('binds no port of a service only on internal networks, nor one whose gateway is macvlan (Engine 20.10 for internal)', () => {
    const t = topology(`
services:
  hidden: { image: h:1, ports: ["8080:80"], networks: [back] }
  lanbox: { image: l:1, ports: ["8081:80"], networks: [lan] }
networks:
  back: { internal: true }
  lan: { driver: macvlan, driver_opts: { parent: eth0 } }
`);
    expect(t.ingress).toEqual([]);
  });

  it('binds only [::] for an IPv6-only network, from Engine 28 (before, enable_ipv4: false is ignored)', () => {
    const text = `
services:
  web: { image: w:1, ports: ["80:80", "0.0.0.0:81:81"], networks: [v6] }
networks:
  v6: { enable_ipv4: false, enable_ipv6: true }
`;
    expect(ingressOf(topology(text, '29'))).toEqual([['web', null, '80', 80, ['::'], false]]);
    expect(ingressOf(topology(text, '27'))).toEqual([
      ['web', null, '80', 80, ['0.0.0.0', '::'], false],
      ['web', '0.0.0.0', '81', 81, ['0.0.0.0'], false],
    ]);
  });

  it('takes the gateway by gw_priority, then by Docker name: ports follow it', () => {
    const t = topology(`
name: p
services:
  web:
    image: w:1
    ports: ["80:80"]
    networks:
      a: {}
      lan: { gw_priority: 1 }
networks:
  a: {}
  lan: { driver: macvlan }
`);
    expect(t.services.get('web')?.gateway).toBe('lan');
    expect(t.ingress).toEqual([]);
  });

  it('treats a loopback binding as this machine only from Engine 28, reachable from the L2 segment before', () => {
    const text = 'services:\n  web: { image: w:1, ports: ["127.0.0.1:8080:80"] }\n';
    expect(topology(text, '28.0.0').ingress[0].loopback).toBe(true);
    expect(topology(text, '27.5.1').ingress[0].loopback).toBe(false);
  });
});

describe('network modes', () => {
  it('lets network_mode: bridge services reach each other by IP on the default bridge, and nothing else (Engine 20.10)', () => {
    const t = topology(`
services:
  a: { image: a:1, network_mode: bridge }
  b: { image: b:1, network_mode: bridge }
  c: { image: c:1 }
`);
    expect(t.reaches('a', 'b')).toEqual({ from: 'a', to: 'b', via: ['bridge'] });
    expect(t.reaches('b', 'a')?.via).toEqual(['bridge']);
    expect(t.reaches('a', 'c')).toBeUndefined();
    expect(t.path('a', 'b')).toEqual(['a', 'bridge', 'b']);
    expect(t.services.get('a')).toMatchObject({ egress: true, gateway: 'bridge' });
  });

  it('lets a host-mode service reach every container on bridge networks, internal ones included, and internal members reach it (Engine 20.10)', () => {
    const t = topology(`
services:
  mon: { image: m:1, network_mode: host }
  mon2: { image: m:1, network_mode: host }
  db: { image: postgres:17, networks: [back] }
  web: { image: w:1, networks: [front] }
  legacy: { image: l:1, network_mode: bridge }
  lanbox: { image: l:1, networks: [lan] }
  off: { image: o:1, network_mode: none }
networks:
  back: { internal: true }
  front: {}
  lan: { driver: macvlan, internal: true }
`);
    const from = (name: string) => t.reach.filter((r) => r.from === name).map((r) => `${r.to} ${r.via.join(',')}`);
    expect(from('mon')).toEqual(['db host', 'legacy host', 'mon2 host', 'web host']);
    expect(from('db')).toEqual(['mon host', 'mon2 host']);
    expect(from('lanbox')).toEqual([]);
    expect(from('off')).toEqual([]);
  });

  it('keeps containers of an isolated internal network and the host apart (Engine 28+), and of any internal one in 25.0.0–25.0.3', () => {
    const text = `
services:
  mon: { image: m:1, network_mode: host }
  db: { image: postgres:17, networks: [back] }
networks:
  back:
    internal: true
    driver_opts: { com.docker.network.bridge.gateway_mode_ipv4: isolated }
`;
    expect(topology(text, '28').reaches('mon', 'db')).toBeUndefined();
    expect(topology(text, '28').reaches('db', 'mon')).toBeUndefined();
    // Before 28, isolated is not a mode: the network is an ordinary internal one.
    expect(topology(text, '27').reaches('mon', 'db')?.via).toEqual(['host']);
    expect(topology(text, '25.0.2').reaches('db', 'mon')).toBeUndefined();
    expect(topology(text, '25.0.4').reaches('db', 'mon')?.via).toEqual(['host']);
  });

  it('joins the network named by network_mode: its Docker name, not its key', () => {
    const t = topology(`
name: shop
services:
  api: { image: a:1, networks: [back] }
  job: { image: j:1, network_mode: shop_back }
  ext: { image: e:1, network_mode: elsewhere }
networks:
  back: {}
`);
    expect(t.services.get('job')).toMatchObject({ mode: 'network', networks: ['back'], egress: true });
    expect(t.networks.get('back')?.members).toEqual(['api', 'job']);
    expect(t.reaches('job', 'api')?.via).toEqual(['back']);
    expect(t.services.get('ext')).toMatchObject({ mode: 'container', networks: [] });
  });
});

describe('networks', () => {
  it('makes two keys with one name: one Docker network', () => {
    const t = topology(`
services:
  a: { image: a:1, networks: [one] }
  b: { image: b:1, networks: [two] }
networks:
  one: { name: shared }
  two: { name: shared }
`);
    expect(t.networks.get('one')?.members).toEqual(['a', 'b']);
    expect(t.networks.get('two')?.members).toEqual(['a', 'b']);
    expect(t.reaches('a', 'b')?.via).toEqual(['one']);
    expect(t.reaches('b', 'a')?.via).toEqual(['two']);
    expect(t.reach.map((r) => `${r.from}>${r.to} ${r.via.join()}`)).toEqual(['a>b one', 'b>a two']);
  });

  it('opens every port of macvlan and ipvlan members to the LAN', () => {
    const t = topology(`
services:
  cam: { image: c:1, networks: [lan, v6] }
networks:
  lan: { driver: macvlan, driver_opts: { parent: eth0 } }
  v6: { driver: ipvlan, enable_ipv6: true }
`);
    expect(t.lan.map((l) => [l.service, l.network, l.family, l.ports, l.reason, l.needsRoute])).toEqual([
      ['cam', 'lan', 'ipv4', 'all', 'macvlan', false],
      ['cam', 'v6', 'ipv4', 'all', 'ipvlan', false],
      ['cam', 'v6', 'ipv6', 'all', 'ipvlan', false],
    ]);
  });
});

describe('gateway modes', () => {
  const routed = `
services:
  web: { image: w:1, ports: ["8080:80"], networks: [edge] }
  app: { image: a:1, networks: [inner] }
networks:
  edge:
    enable_ipv6: true
    driver_opts: { com.docker.network.bridge.gateway_mode_ipv6: routed }
  inner: {}
`;

  it('routed: no host port for that family, the container port open to hosts with a route, and to other networks from 28', () => {
    const t = topology(routed, '28');
    expect(ingressOf(t)).toEqual([['web', null, '8080', 80, ['0.0.0.0'], false]]);
    expect(t.lan.map((l) => [l.service, l.network, l.family, l.ports, l.reason])).toEqual([['web', 'edge', 'ipv6', [80], 'routed']]);
    expect(t.reaches('app', 'web')?.via).toEqual(['edge']);
    expect(t.reaches('web', 'app')).toBeUndefined();
    expect(t.path('app', 'web')).toEqual(['app', 'edge', 'web']);
  });

  it('routed in 27: no reach from other networks; before 27, not a mode at all', () => {
    const lan = (t: Topology) => t.lan.map((l) => `${l.service} ${l.network} ${l.family} ${l.reason}`);
    expect(topology(routed, '27').reaches('app', 'web')).toBeUndefined();
    // Before 28, nat also lets a routed host in on every port (moby/moby#48724).
    expect(lan(topology(routed, '27'))).toEqual(['app inner ipv4 nat', 'web edge ipv4 nat', 'web edge ipv6 routed']);
    const old = topology(routed, '26.1');
    expect(ingressOf(old)).toEqual([['web', null, '8080', 80, ['0.0.0.0', '::'], false]]);
    expect(lan(old)).toEqual(['app inner ipv4 nat', 'web edge ipv4 nat', 'web edge ipv6 nat']);
  });

  it('nat-unprotected opens every port to hosts with a route (28+); nat did so before 28 (moby/moby#48724)', () => {
    const unprotected = `
services:
  web: { image: w:1, networks: [edge] }
networks:
  edge: { driver_opts: { com.docker.network.bridge.gateway_mode_ipv4: nat-unprotected } }
`;
    expect(topology(unprotected, '28').lan.map((l) => [l.network, l.ports, l.reason, l.needsRoute])).toEqual([['edge', 'all', 'nat-unprotected', true]]);
    const plain = 'services:\n  web: { image: w:1 }\n';
    expect(topology(plain, '29').lan).toEqual([]);
    expect(topology(plain, '27').lan.map((l) => [l.network, l.ports, l.reason])).toEqual([['default', 'all', 'nat']]);
  });
});
