import { describe, expect, it } from 'vitest';
import { createSession, intentsOf, memoryHost, topologyOf } from '@composure/core';
import { pairReport, reachReport, reachUpperBound } from './reach-report.js';

/** A one-file project (/p/compose.yaml), loaded with an empty environment. */
function load(text: string, files: Record<string, string> = {}) {
  const result = createSession({ rules: [], cwd: '/p', env: {}, host: memoryHost({ '/p/compose.yaml': text, ...files }) }).load({
    kind: 'directory',
    directory: '/p',
  });
  if (!result.ok) throw new Error(`the project does not load: ${result.failure.message}`);
  return result.value;
}

const topology = (text: string) => topologyOf(load(text));

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
      intents: [],
      engine: '29.7.2',
    });
  });

  it('lists the intents with their files relative to the project directory', () => {
    const project = load(
      `services:
  proxy:
    image: nginx:1.27
    volumes: ["./conf/nginx.conf:/etc/nginx/nginx.conf:ro"]
    depends_on: [api]
  api:
    image: api:1
    environment:
      DATABASE_URL: postgres://app@db:5432/app
  db:
    image: postgres:17
`,
      { '/p/conf/nginx.conf': 'events {}\nhttp {\n  server {\n    location / { proxy_pass http://api:8080; }\n  }\n}\n' },
    );
    const t = topologyOf(project);
    expect(reachReport('p', t, undefined, intentsOf(project, t), '/p').intents).toEqual([
      { from: 'proxy', to: 'api', port: null, source: 'depends_on', file: 'compose.yaml', line: 5 },
      { from: 'proxy', to: 'api', port: 8080, source: 'nginx', file: 'conf/nginx.conf', line: 4 },
      { from: 'api', to: 'db', port: 5432, source: 'env', file: 'compose.yaml', line: 9 },
    ]);
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
