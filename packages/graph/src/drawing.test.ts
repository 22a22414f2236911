import { describe, expect, it } from 'vitest';
import { draw } from './fixtures/sample.js';
import { portLabel, type TopologyDrawing } from './drawing.js';

const node = (d: TopologyDrawing, id: string) => d.nodes.find((n) => n.id === id);
const edges = (d: TopologyDrawing, kind?: string) =>
  d.edges
    .filter((e) => !kind || e.kind === kind)
    .map((e) => `${e.from} ${e.kind} ${e.to}${e.label.length ? ` [${e.label.join(' | ')}]` : ''}${e.violation ? ' !' : ''}`);

const project = `
name: shop
services:
  proxy:
    image: nginx:1.27
    ports: ["443:443", "127.0.0.1:8443:443", "53:53/udp"]
    networks: [front]
  web:
    image: example/web:1
    networks: [front]
  api:
    image: example/api:1
    networks:
      front: {}
      data:
        aliases: [api.internal, backend]
  sidecar:
    image: envoy:1
    network_mode: service:api
  db:
    image: postgres:17
    ports: ["5432:5432"]
    networks: [data]
  ledger:
    image: registry.example.com/mycorp/ledger:2
    networks: [data]
  agent:
    image: agent:1
    network_mode: host
  legacy:
    image: legacy:1
    network_mode: bridge
  tool:
    image: tool:1
    network_mode: none
  vpn-client:
    image: vpn:1
    network_mode: container:vpn
networks:
  front: {}
  data:
    internal: true
  edge:
    external: true
    name: traefik_public
  quiet:
    driver: macvlan
    driver_opts:
      com.docker.network.bridge.enable_icc: "false"
`;

describe('drawTopology', () => {
  it('draws the outside world, the host, services in declaration order, then networks', () => {
    const d = draw(project);
    expect(d.project).toBe('shop');
    expect(d.nodes.map((n) => n.id)).toEqual([
      'internet',
      'host',
      'service:proxy',
      'service:web',
      'service:api',
      'service:sidecar',
      'service:db',
      'service:ledger',
      'service:agent',
      'service:legacy',
      'service:tool',
      'service:vpn-client',
      'network:front',
      'network:data',
      'network:edge',
      'network:quiet',
    ]);
  });

  it('marks datastores (well-known images and the configured globs), network modes and unbound ports', () => {
    const d = draw(project, { datastores: ['mycorp/ledger*'] });
    expect(node(d, 'service:db')).toMatchObject({ datastore: true, notes: ['ports not published: internal networks only'] });
    expect(node(d, 'service:ledger')).toMatchObject({ datastore: true, notes: [] });
    expect(node(draw(project), 'service:ledger')?.datastore).toBe(false);
    expect(node(d, 'service:proxy')).toMatchObject({ datastore: false, mode: 'networks', image: 'nginx:1.27', notes: [] });
    expect(node(d, 'service:agent')?.notes).toEqual(['network_mode: host']);
    expect(node(d, 'service:legacy')?.notes).toEqual(['network_mode: bridge']);
    expect(node(d, 'service:tool')?.notes).toEqual(['network_mode: none']);
    expect(node(d, 'service:vpn-client')?.notes).toEqual(['network_mode: container:vpn']);
    expect(node(d, 'service:sidecar')).toMatchObject({ mode: 'service', notes: [] });
  });

  it('marks internal, external, icc-off and non-bridge networks', () => {
    const d = draw(project);
    expect(node(d, 'network:front')).toMatchObject({ internal: false, external: false, icc: true, name: 'shop_front', notes: [] });
    expect(node(d, 'network:data')).toMatchObject({ internal: true, notes: ['internal · no egress'] });
    expect(node(d, 'network:edge')).toMatchObject({ external: true, name: 'traefik_public', notes: ['no services', 'external: traefik_public'] });
    expect(node(d, 'network:quiet')).toMatchObject({ icc: false, driver: 'macvlan', notes: ['no services', 'icc off: members isolated', 'driver: macvlan'] });
  });

  it('draws ports in (loopback bindings from the host only), attachments with aliases, namespaces, host mode and egress', () => {
    expect(edges(draw(project))).toEqual([
      'internet ingress service:proxy [:443→443/tcp | :53→53/udp]',
      'host ingress service:proxy [127.0.0.1:8443→443/tcp]',
      'service:proxy attachment network:front',
      'service:web attachment network:front',
      'service:api attachment network:front',
      'service:api attachment network:data [aliases: api.internal, backend]',
      'service:db attachment network:data',
      'service:ledger attachment network:data',
      'service:sidecar namespace service:api [shared namespace]',
      'service:agent host host [network_mode: host]',
      // Egress: networks that are not internal and have members; Docker's default bridge.
      'network:front egress internet',
      'service:legacy egress internet [default bridge]',
    ]);
  });

  it('ranks nodes by hops from the outside world', () => {
    const d = draw(project);
    const rank = Object.fromEntries(d.nodes.map((n) => [n.id, n.rank]));
    expect(rank).toMatchObject({
      internet: 0,
      host: 0,
      'service:proxy': 1,
      'service:agent': 1,
      'network:front': 2,
      'service:api': 3,
      'network:data': 4,
      'service:sidecar': 4,
      'service:db': 5,
    });
    // Nothing leads to an unused network or an isolated service: they start their own column.
    expect(rank).toMatchObject({ 'network:edge': 1, 'service:tool': 1 });
  });

  it('draws no internet node for a project that neither publishes nor reaches out', () => {
    const d = draw('services:\n  a:\n    image: a\n    networks: [n]\nnetworks:\n  n:\n    internal: true\n');
    expect(d.nodes.map((n) => n.id)).toEqual(['service:a', 'network:n']);
    expect(edges(d)).toEqual(['service:a attachment network:n']);
  });

  it('highlights the edges along a violation path and both its ends', () => {
    const d = draw(project, { violations: [{ from: 'proxy', to: 'db', path: ['proxy', 'front', 'api', 'data', 'db'], message: 'denied' }] });
    expect(edges(d).filter((e) => e.endsWith('!'))).toEqual([
      'service:proxy attachment network:front !',
      'service:api attachment network:front !',
      'service:api attachment network:data [aliases: api.internal, backend] !',
      'service:db attachment network:data !',
    ]);
    expect(d.nodes.filter((n) => n.violation).map((n) => n.id)).toEqual(['service:proxy', 'service:db']);
    expect(d.violations).toEqual([{ from: 'proxy', to: 'db', path: ['proxy', 'front', 'api', 'data', 'db'], message: 'denied' }]);
  });

  it('highlights a path through a shared namespace, and an attachment violation ending on a network', () => {
    const shared = draw(project, { violations: [{ from: 'sidecar', to: 'db', path: ['sidecar', 'data', 'db'] }] });
    expect(edges(shared).filter((e) => e.endsWith('!'))).toEqual([
      'service:api attachment network:data [aliases: api.internal, backend] !',
      'service:db attachment network:data !',
      'service:sidecar namespace service:api [shared namespace] !',
    ]);
    const attachment = draw(project, { violations: [{ from: 'api', to: 'data', path: ['api', 'data'] }] });
    expect(edges(attachment).filter((e) => e.endsWith('!'))).toEqual(['service:api attachment network:data [aliases: api.internal, backend] !']);
    // The end is the network, even where a service has the same name.
    expect(attachment.nodes.filter((n) => n.violation).map((n) => n.id)).toEqual(['service:api', 'network:data']);
  });

  it('labels ports with the host address, brackets for IPv6', () => {
    expect(portLabel({ published: '443', target: 443, protocol: 'tcp' })).toBe(':443→443/tcp');
    expect(portLabel({ hostIp: '127.0.0.1', published: '8443', target: 443, protocol: 'tcp' })).toBe('127.0.0.1:8443→443/tcp');
    expect(portLabel({ hostIp: '::1', published: '53', target: 53, protocol: 'udp' })).toBe('[::1]:53→53/udp');
    expect(portLabel({ hostIp: '0.0.0.0', published: '8000-8002', target: 8000, protocol: 'tcp' })).toBe('0.0.0.0:8000-8002→8000/tcp');
    // No host port: Docker picks one from the ephemeral range.
    expect(portLabel({ hostIp: '127.0.0.1', published: '', target: 8000, protocol: 'tcp' })).toBe('127.0.0.1:ephemeral→8000/tcp');
  });

  it('draws a network_mode: NETWORK service attached without aliases, and a default-bridge violation on both ways out', () => {
    const d = draw(
      `
name: shop
services:
  api: { image: a:1, networks: [back] }
  job: { image: j:1, network_mode: shop_back }
  old: { image: o:1, network_mode: bridge }
  older: { image: o:1, network_mode: bridge }
networks:
  back: {}
`,
      { violations: [{ from: 'old', to: 'older', path: ['old', 'bridge', 'older'] }] },
    );
    expect(edges(d, 'attachment')).toEqual(['service:api attachment network:back', 'service:job attachment network:back']);
    expect(node(d, 'service:job')?.notes).toContain('network_mode: shop_back');
    expect(edges(d, 'egress')).toEqual([
      'network:back egress internet',
      'service:old egress internet [default bridge] !',
      'service:older egress internet [default bridge] !',
    ]);
  });

  it('never crashes on half-typed input', () => {
    const d = draw(
      'services:\n  a:\n    image: [x]\n    ports: [{published: 80}, null, "x"]\n    networks: {n: null, missing: {}}\n  b:\n    network_mode: service:nope\nnetworks:\n  n: null\n',
    );
    expect(d.nodes.map((n) => n.id)).toContain('service:a');
    expect(d.nodes.find((n) => n.id === 'service:b')?.notes).toEqual(['network_mode: service (unknown)']);
  });
});
