import { describe, expect, it } from 'vitest';
import { createSession, memoryHost, topologyOf } from '@composure/core';
import { pairReport, reachReport, reachUpperBound } from './reach-report.js';

/** The topology of a one-file project (/p/compose.yaml), loaded with an empty environment. */
function topology(text: string) {
  const result = createSession({ rules: [], cwd: '/p', env: {}, host: memoryHost({ '/p/compose.yaml': text }) }).load({ kind: 'directory', directory: '/p' });
  if (!result.ok) throw new Error(`the project does not load: ${result.failure.message}`);
  return topologyOf(result.value);
}

const SHOP = `
services:
  proxy: { image: nginx:1, ports: ["127.0.0.1:8443:443"], networks: [front] }
  api: { image: api:1, networks: [front, back] }
  db: { image: postgres:17, networks: [back] }
networks:
  front: {}
  back: { internal: true }
`;

describe('reachReport', () => {
  it('is the JSON of composure reach: services, networks, every direct reach both ways, ingress, egress', () => {
    expect(reachReport('shop', topology(SHOP))).toEqual({
      project: 'shop',
      services: ['api', 'db', 'proxy'],
      networks: [
        { name: 'front', internal: false, driver: 'bridge', members: ['api', 'proxy'] },
        { name: 'back', internal: true, driver: 'bridge', members: ['api', 'db'] },
      ],
      reach: [
        { from: 'api', to: 'db', via: ['back'] },
        { from: 'api', to: 'proxy', via: ['front'] },
        { from: 'db', to: 'api', via: ['back'] },
        { from: 'proxy', to: 'api', via: ['front'] },
      ],
      ingress: [{ service: 'proxy', hostIp: '127.0.0.1', published: '8443', target: 443, protocol: 'tcp', addresses: ['127.0.0.1'], loopback: true }],
      egress: ['api', 'proxy'],
      engine: '29.7.2',
    });
  });
});

describe('pairReport', () => {
  it('a direct reach with its networks, or the shortest path through other services', () => {
    const t = topology(SHOP);
    expect(pairReport(t, 'proxy', 'api')).toEqual({ from: 'proxy', to: 'api', direct: true, via: ['front'], path: ['proxy', 'front', 'api'] });
    expect(pairReport(t, 'proxy', 'db')).toEqual({ from: 'proxy', to: 'db', direct: false, via: [], path: ['proxy', 'front', 'api', 'back', 'db'] });
  });
});

describe('reachUpperBound', () => {
  it('bounds the list of a large flat network from membership, without listing it', () => {
    const services = Array.from({ length: 2000 }, (_, i) => `  s${i}:\n    image: app:1\n`).join('');
    expect(reachUpperBound(topology(`services:\n${services}`))).toBe(2000 * 1999 + 2000 * 4);
  });
});
