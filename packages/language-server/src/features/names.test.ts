import { describe, expect, it } from 'vitest';
import { memoryHost, SourceFile } from '@composure/core';
import { rename } from './rename.js';
import { Workspace } from '../workspace.js';
import { declared, occurrenceAt, occurrencesOf, projectIndex, textIndex, type NameIndex, type NameRef } from './names.js';

const COMPOSE = [
  'x-defaults: &defaults',
  '  restart: unless-stopped',
  '  depends_on: [redis]',
  '  networks: [back]',
  'services:',
  '  web:',
  '    <<: *defaults',
  '    image: example/web:1',
  '    environment:',
  '      CACHE_URL: "redis://:pw@redis:6379/0"',
  '      API_HOST: Api',
  '    volumes: [data:/srv, ./conf:/conf:ro]',
  '    secrets: [token]',
  '    configs:',
  '      - source: site',
  '        target: /site',
  '  worker:',
  '    <<: *defaults',
  '    image: example/worker:1',
  '    extends: { file: common.yaml, service: base }',
  '  api:',
  '    image: example/api:1',
  '    networks: [back]',
  '  redis:',
  '    image: redis:7',
  '    networks: [back]',
  'networks:',
  '  back:',
  'volumes:',
  '  data:',
  'secrets:',
  '  token: { file: ./token.txt }',
  'configs:',
  '  site: { file: ./site.conf }',
  'x-composure:',
  '  exclude:',
  '    - { rule: require-healthcheck, service: redis, reason: cache }',
  '',
].join('\n');
const COMMON = 'services:\n  base:\n    image: busybox:1\n';
const CONFIG = 'policies:\n  - deny: { from: [web, "label:tier=x"], to: "network:back" }\n  - default: deny\n    allow:\n      - { from: worker, to: redis }\n';

function indexOf(): NameIndex {
  const files = { '/p/compose.yaml': COMPOSE, '/p/common.yaml': COMMON, '/p/.composure.yaml': CONFIG, '/p/token.txt': 't', '/p/site.conf': 's' };
  const project = new Workspace({ disk: memoryHost(files), env: {} }).analysisFor('/p/compose.yaml');
  if (!project.analysis) throw new Error(project.failure?.message);
  return projectIndex(project.analysis);
}

/** Each occurrence as `path:line:column-endColumn` (1-based), definitions marked with `=`. */
function places(index: NameIndex, ref: NameRef): string[] {
  const texts: Record<string, string> = { '/p/compose.yaml': COMPOSE, '/p/common.yaml': COMMON, '/p/.composure.yaml': CONFIG };
  return occurrencesOf(index, ref)
    .map((o) => {
      const before = texts[o.path].slice(0, o.start);
      const line = before.split('\n').length;
      const column = o.start - before.lastIndexOf('\n');
      expect(texts[o.path].slice(o.start, o.end)).toBe(o.path === '/p/compose.yaml' && ref.name === 'api' && !o.definition ? 'Api' : ref.name);
      return `${o.definition ? '=' : ''}${o.path.slice(3)}:${line}:${column}`;
    })
    .sort();
}

describe('name index', () => {
  const index = indexOf();
  it('follows merge keys: a name inside an anchored block is one occurrence, at the anchor', () => {
    expect(places(index, { scope: '', kind: 'service', name: 'redis' })).toEqual([
      '.composure.yaml:5:29',
      '=compose.yaml:24:3',
      'compose.yaml:10:31',
      'compose.yaml:37:45',
      'compose.yaml:3:16',
    ]);
    expect(places(index, { scope: '', kind: 'network', name: 'back' })).toEqual([
      '.composure.yaml:2:55',
      '=compose.yaml:28:3',
      'compose.yaml:23:16',
      'compose.yaml:26:16',
      'compose.yaml:4:14',
    ]);
  });
  it('hosts of environment values, case-insensitively; policy selectors; volumes, secrets and configs', () => {
    expect(places(index, { scope: '', kind: 'service', name: 'api' })).toEqual(['=compose.yaml:21:3', 'compose.yaml:11:17']);
    expect(places(index, { scope: '', kind: 'service', name: 'web' })).toEqual(['.composure.yaml:2:20', '=compose.yaml:6:3']);
    expect(places(index, { scope: '', kind: 'volume', name: 'data' })).toEqual(['=compose.yaml:30:3', 'compose.yaml:12:15']);
    expect(places(index, { scope: '', kind: 'secret', name: 'token' })).toEqual(['=compose.yaml:32:3', 'compose.yaml:13:15']);
    expect(places(index, { scope: '', kind: 'config', name: 'site' })).toEqual(['=compose.yaml:34:3', 'compose.yaml:15:17']);
    expect(declared(index, 'volume')).toEqual(['data']);
  });
  it("an extends file's services are that file's own", () => {
    expect(places(index, { scope: '/p/common.yaml', kind: 'service', name: 'base' })).toEqual(['=common.yaml:2:3', 'compose.yaml:20:44']);
    expect(declared(index, 'service')).toEqual(['api', 'redis', 'web', 'worker']);
    expect(occurrenceAt(index, '/p/compose.yaml', COMPOSE.indexOf('redis]') + 5)).toMatchObject({ kind: 'service', name: 'redis' });
  });
  it('a text on its own, even with an alias to nothing', () => {
    const text = 'services:\n  a:\n    <<: *nothing\n    depends_on: [b]\n  b: {}\n';
    expect(textIndex('/t.yaml', text).occurrences.map((o) => `${o.kind}:${o.name}:${o.start}`)).toEqual(['service:a:12', 'service:b:49', 'service:b:54']);
  });
});

describe('hosts in the proxy configs mounted into services', () => {
  it('an NGINX proxy_pass host is an occurrence of the service it names, in the config file', () => {
    const nginx = 'server {\n  listen 80;\n  location / { proxy_pass http://api:8080/; }\n}\n';
    const compose = [
      'services:',
      '  proxy:',
      '    image: nginx:1.27',
      '    volumes: ["./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro"]',
      '  api:',
      '    image: example/api:1.0',
      '    expose: ["8080"]',
      '',
    ].join('\n');
    const project = new Workspace({ disk: memoryHost({ '/p/compose.yaml': compose, '/p/nginx/default.conf': nginx }), env: {} }).analysisFor('/p/compose.yaml');
    const index = projectIndex(project.analysis!);
    const api = occurrencesOf(index, { scope: '', kind: 'service', name: 'api' }).map((o) => [o.path, o.start, o.end, o.definition]);
    const at = nginx.indexOf('api:8080');
    expect(api).toEqual([
      ['/p/compose.yaml', compose.indexOf('  api:') + 2, compose.indexOf('  api:') + 5, true],
      ['/p/nginx/default.conf', at, at + 3, false],
    ]);
    const file = new SourceFile('/p/compose.yaml', compose);
    const result = rename(file, { line: 4, character: 3 }, 'backend', project.analysis);
    expect(result && 'edit' in result && result.edit.changes!['file:///p/nginx/default.conf']).toEqual([
      { range: { start: { line: 2, character: 33 }, end: { line: 2, character: 36 } }, newText: 'backend' },
    ]);
  });
});
