import { describe, expect, it } from 'vitest';
import { memoryHost, SourceFile, type Finding } from '@composure/core';
import { rules, rulesById } from '@composure/rules';
import { Workspace } from '../workspace.js';
import { codeActions } from './code-actions.js';
import { codeLenses, lensTitle } from './code-lens.js';
import { completion, yamlContextAt } from './completion.js';
import { definition, references } from './definition.js';
import { diagnosticOf, fileDiagnostics } from './diagnostics.js';
import { directiveRuleAt, hover, listed } from './hover.js';
import { prepareRename, rename } from './rename.js';
import { documentSymbols } from './symbols.js';

const BASE = [
  'services:',
  '  web:',
  '    image: nginx:1.27',
  '    ports: ["127.0.0.1:8080:80", "443:443/udp"]',
  '    networks: [front]',
  '    depends_on:',
  '      - api',
  '  api:',
  '    image: example/api:1.0',
  '    networks:',
  '      front:',
  '      back:',
  '        aliases: [backend]',
  '    links: ["db:database"]',
  '  db:',
  '    image: postgres:16',
  '    networks: [back]',
  '  sidecar:',
  '    image: busybox:1',
  '    network_mode: "service:api"',
  'networks:',
  '  front:',
  '  back:',
  '    internal: true',
  '    ipam:',
  '      config:',
  '        - subnet: 10.9.0.0/24',
  'volumes:',
  '  data:',
  '',
].join('\n');
const OVERRIDE = 'services:\n  web:\n    networks: [back]\n';
const OFF = `rules:\n${rules
  .filter((r) => r.meta.category !== 'core')
  .map((r) => `  ${r.meta.id}: off\n`)
  .join('')}policies:\n  - deny: { from: web, to: "network:back" }\n`;

function analysed(files: Record<string, string> = { '/p/compose.yaml': BASE, '/p/compose.override.yaml': OVERRIDE, '/p/.composure.yaml': OFF }) {
  const ws = new Workspace({ disk: memoryHost(files), env: {} });
  const project = ws.analysisFor('/p/compose.yaml');
  if (!project.analysis) throw new Error(project.failure?.message);
  return { analysis: project.analysis, file: (path = '/p/compose.yaml') => new SourceFile(path, files[path]) };
}
const pos = (line: number, character: number) => ({ line, character });
const range = (l: number, c: number, el: number, ec: number) => ({ start: pos(l, c), end: pos(el, ec) });
const uriOf = (path: string) => `file://${path}`;

describe('diagnostics', () => {
  const finding: Finding = {
    ruleId: 'require-image-tag',
    severity: 'info',
    message: 'm',
    file: '/p/c.yaml',
    line: 3,
    column: 12,
    endLine: 3,
    endColumn: 17,
    start: 0,
    end: 0,
  };
  it('code = rule id, its doc link, source composure, info → Information, 0-based range', () => {
    expect(diagnosticOf(finding)).toEqual({
      range: range(2, 11, 2, 16),
      severity: 3,
      code: 'require-image-tag',
      codeDescription: { href: rulesById.get('require-image-tag')!.meta.docsUrl },
      source: 'composure',
      message: 'm',
    });
  });
  it('suppressed findings are left out; load failures are an error at the top; counts by severity', () => {
    const result = fileDiagnostics([finding, { ...finding, suppressed: { kind: 'inSource' } }], [{ message: 'no such file' }]);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['compose-load', 1],
      ['require-image-tag', 3],
    ]);
    expect([result.errors, result.warnings, result.infos]).toEqual([1, 0, 1]);
  });
});

describe('hover', () => {
  it('a service: networks, reach both ways, ingress (loopback marked), egress', () => {
    const { analysis, file } = analysed();
    const value = (hover(file(), pos(1, 3), analysis)!.contents as { value: string }).value;
    expect(value).toBe(
      [
        '**`web`** service',
        '',
        '- networks: `back`, `front`',
        '- reaches (3): `api`, `db`, `sidecar`',
        '- reached by (3): `api`, `db`, `sidecar`',
        '- ingress: `127.0.0.1:8080→80/tcp` (this host only), `:443→443/udp`',
        '- egress: yes (can open connections to the internet)',
      ].join('\n'),
    );
  });
  it("follows the configuration's engine: before Engine 28, a loopback port is not this host's only", () => {
    const { analysis, file } = analysed({ '/p/compose.yaml': BASE, '/p/.composure.yaml': `engine: "27.5"\n${OFF}` });
    expect(analysis.config.engine.text).toBe('27.5.0');
    const value = (hover(file(), pos(1, 3), analysis)!.contents as { value: string }).value;
    expect(value).toContain('- ingress: `127.0.0.1:8080→80/tcp`, `:443→443/udp`');
  });
  it('a network: members, subnet, internal, policies naming it', () => {
    const { analysis, file } = analysed();
    const value = (hover(file(), pos(22, 3), analysis)!.contents as { value: string }).value;
    expect(value).toBe(
      [
        '**`back`** network (Docker name `p_back`)',
        '',
        '- members (4): `api`, `db`, `sidecar`, `web`',
        '- subnet: `10.9.0.0/24`',
        '- internal: yes (no egress)',
        '- policies: `deny web → network:back`',
      ].join('\n'),
    );
  });
  it('a rule id in a directive, and only there', () => {
    const file = new SourceFile('/p/compose.yaml', 'services:\n  # composure-disable-next-line no-privileged, require-image-tag -- legacy\n  web: {}\n');
    expect(directiveRuleAt(file, file.lineStart(2) + 35)).toEqual({ id: 'no-privileged', start: file.lineStart(2) + 32, end: file.lineStart(2) + 45 });
    expect(directiveRuleAt(file, file.lineStart(2) + 50)?.id).toBe('require-image-tag');
    expect(directiveRuleAt(file, file.lineStart(2) + 70)).toBeUndefined();
    expect(directiveRuleAt(file, file.lineStart(2) + 5)).toBeUndefined();
    const h = hover(file, pos(1, 35), undefined)!;
    expect((h.contents as { value: string }).value).toContain(rulesById.get('no-privileged')!.meta.description);
  });
  it('long lists are cut with a count', () => {
    expect(listed(Array.from({ length: 25 }, (_, i) => `s${i}`))).toMatch(/`s19` and 5 more$/);
    expect(listed([])).toBe('none');
  });
});

describe('completion context', () => {
  const at = (text: string) => yamlContextAt(text.replace('|', ''), text.indexOf('|'));
  it('finds the keys the cursor is under, from indentation alone', () => {
    expect(at('services:\n  web:\n    depends_on:\n      - |')).toMatchObject({ path: ['services', 'web', 'depends_on'], listItem: true, prefix: '' });
    expect(at('services:\n  web:\n    depends_on:\n    - db\n    - c|')).toMatchObject({
      path: ['services', 'web', 'depends_on'],
      listItem: true,
      prefix: 'c',
    });
    expect(at('services:\n  web:\n    networks:\n      front:\n        aliases: [x]\n      |')).toMatchObject({
      path: ['services', 'web', 'networks'],
      listItem: false,
      prefix: '',
    });
    expect(at('services:\n  web:\n    networks: [front, b|')).toMatchObject({ path: ['services', 'web', 'networks'], flow: true, prefix: 'b' });
    expect(at('services:\n  web:\n    network_mode: service:|')).toMatchObject({ path: ['services', 'web'], key: 'network_mode', prefix: 'service:' });
    expect(at('services:\n  web:\n    extends:\n      service: |')).toMatchObject({ path: ['services', 'web', 'extends'], key: 'service' });
    expect(at('exclude:\n  - rule: no-|')).toMatchObject({ path: ['exclude'], key: 'rule', prefix: 'no-' });
    expect(at('services:\n  web:\n    # composure-disable-next-line no-priv|')).toMatchObject({ directive: true, prefix: 'no-priv' });
    expect(at('services:\n  web:\n\n    # a comment\n    depends_on:\n      - |')).toMatchObject({ path: ['services', 'web', 'depends_on'] });
  });
});

describe('completion', () => {
  const names = { services: ['api', 'db', 'web'], networks: ['back', 'front'], volumes: ['data', 'logs'], configs: ['site'], secrets: ['token'] };
  const complete = (text: string, kind: 'compose' | 'config' = 'compose') => {
    const file = new SourceFile('/p/compose.yaml', text.replace('|', ''));
    const offset = text.indexOf('|');
    const { line, column } = file.position(offset);
    return completion(file, pos(line - 1, column - 1), names, kind);
  };
  const labels = (text: string) => complete(text).map((i) => i.label);
  it('networks in a service networks, services (not itself) in depends_on, links, extends, network_mode', () => {
    expect(labels('services:\n  web:\n    networks:\n      - |')).toEqual(['back', 'front']);
    expect(labels('services:\n  web:\n    depends_on: [|')).toEqual(['api', 'db']);
    expect(labels('services:\n  web:\n    links:\n      - |')).toEqual(['api', 'db']);
    expect(labels('services:\n  web:\n    extends:\n      service: |')).toEqual(['api', 'db']);
    expect(labels('services:\n  web:\n    network_mode: ser|')).toEqual(['service:api', 'service:db', 'back', 'front']);
    expect(labels('services:\n  web:\n    ipc: |')).toEqual(['service:api', 'service:db']);
    expect(complete('services:\n  web:\n    image: |')).toEqual([]);
  });
  it('never re-offers what the list already holds: block lists, flow lists, mapping keys', () => {
    expect(labels('services:\n  web:\n    networks:\n      - front\n      - |\n    image: x')).toEqual(['back']);
    expect(labels('services:\n  web:\n    networks: [back, |]')).toEqual(['front']);
    expect(labels('services:\n  web:\n    networks:\n      back:\n        aliases: [b]\n      |')).toEqual(['front']);
    expect(labels('services:\n  web:\n    depends_on:\n      - |\n      - "db"')).toEqual(['api']);
    expect(labels('services:\n  web:\n    depends_on:\n      api:\n        condition: service_started\n      |')).toEqual(['db']);
  });
  it('volumes before the colon, configs and secrets, short and long syntax', () => {
    expect(labels('services:\n  web:\n    volumes:\n      - logs:/var/log\n      - |')).toEqual(['data']);
    expect(labels('services:\n  web:\n    volumes:\n      - data:/x|')).toEqual([]);
    expect(labels('services:\n  web:\n    volumes:\n      - type: volume\n        source: |')).toEqual(['data', 'logs']);
    expect(labels('services:\n  web:\n    secrets: [|]')).toEqual(['token']);
    expect(labels('services:\n  web:\n    configs:\n      - source: |')).toEqual(['site']);
  });
  it("every key of Compose's schema at the cursor, with its description; not the keys already written", () => {
    const service = complete('services:\n  web:\n    image: nginx\n    hea|');
    const healthcheck = service.find((i) => i.label === 'healthcheck')!;
    expect(healthcheck).toMatchObject({
      kind: 10,
      detail: 'mapping',
      documentation: { kind: 'markdown', value: 'Configure a health check for the container to monitor its health status.\n\nType: mapping' },
      textEdit: { range: range(3, 4, 3, 7), newText: 'healthcheck:\n      ' },
    });
    expect(service.some((i) => i.label === 'image')).toBe(false);
    expect(service.filter((i) => i.kind === 15).map((i) => i.label)).toEqual(['ports (published on this host only)', 'healthcheck', 'networks (with aliases)']);
    expect(complete('services:\n  web:\n    re|').find((i) => i.label === 'restart')!.textEdit).toEqual({ range: range(2, 4, 2, 6), newText: 'restart: ' });
    expect(labels('|')).toEqual(['version', 'name', 'include', 'services', 'models', 'networks', 'volumes', 'secrets', 'configs']);
    expect(labels('services:\n  web: {}\n|')).toEqual(['version', 'name', 'include', 'models', 'networks', 'volumes', 'secrets', 'configs']);
    expect(labels('services:\n  web:\n    healthcheck:\n      test: x\n      |')).toEqual([
      'disable',
      'interval',
      'retries',
      'timeout',
      'start_period',
      'start_interval',
    ]);
    expect(labels('services:\n  web:\n    ports:\n      - target: 80\n        |')).toEqual([
      'name',
      'mode',
      'host_ip',
      'published',
      'protocol',
      'app_protocol',
    ]);
    expect(labels('x-defaults:\n  |')).toEqual([]);
  });
  it('snippets for ports, a healthcheck, networks with aliases, indented as the line', () => {
    const snippet = complete('services:\n  web:\n    p|').find((i) => i.label === 'ports (published on this host only)')!;
    expect(snippet).toMatchObject({
      insertTextFormat: 2,
      filterText: 'ports',
      textEdit: { range: range(2, 4, 2, 5), newText: 'ports:\n      - "127.0.0.1:${1:8080}:${2:80}"' },
    });
  });
  it('enumerated values, booleans, the values the specification lists in prose', () => {
    expect(labels('services:\n  web:\n    restart: |')).toEqual(['no', 'always', 'on-failure', 'unless-stopped']);
    expect(labels('services:\n  web:\n    depends_on:\n      db:\n        condition: |')).toEqual([
      'service_started',
      'service_healthy',
      'service_completed_successfully',
    ]);
    expect(labels('services:\n  web:\n    volumes:\n      - type: |')).toEqual(['bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image']);
    expect(labels('services:\n  web:\n    privileged: |')).toEqual(['true', 'false']);
    expect(labels('networks:\n  back:\n    internal: |')).toEqual(['true', 'false']);
  });
  it('rule ids in directives and in .composure.yaml', () => {
    expect(complete('# composure-disable-file |')).toHaveLength(rules.length);
    expect(complete('rules:\n  no-|', 'config')).toHaveLength(rules.length);
    expect(complete('exclude:\n  - rule: |', 'config')).toHaveLength(rules.length);
    expect(complete('policies:\n  - |', 'config')).toEqual([]);
  });
  it('services and network:NAME in policy selectors (not those listed), services in exclusions; in x-composure too', () => {
    expect(complete('policies:\n  - deny:\n      from: |', 'config').map((i) => i.label)).toEqual(['api', 'db', 'web', 'network:back', 'network:front']);
    expect(
      complete(
        'policies:\n  - default: deny\n    allow:\n      - to: a\n        from:\n          - web\n          - network:back\n          - |',
        'config',
      ).map((i) => i.label),
    ).toEqual(['api', 'db', 'network:front']);
    expect(complete('exclude:\n  - rule: require-image-tag\n    service: |', 'config').map((i) => i.label)).toEqual(['api', 'db', 'web']);
    expect(labels('x-composure:\n  policies:\n    - deny:\n        to: net|')).toEqual(['api', 'db', 'web', 'network:back', 'network:front']);
  });
});

describe('definition, references, rename', () => {
  it('a service referenced by depends_on, links and network_mode: service:', () => {
    const { analysis, file } = analysed();
    const refs = references(file(), pos(7, 3), analysis, true);
    expect(refs.map((r) => [r.uri, r.range.start.line, r.range.start.character])).toEqual([
      [uriOf('/p/compose.yaml'), 6, 8],
      [uriOf('/p/compose.yaml'), 7, 2],
      [uriOf('/p/compose.yaml'), 19, 27],
    ]);
    expect(definition(file(), pos(13, 13), analysis).map((l) => l.range)).toEqual([range(14, 2, 14, 4)]);
    expect(definition(file(), pos(19, 28), analysis).map((l) => l.range)).toEqual([range(7, 2, 7, 5)]);
  });
  it('from an upstream in a mounted NGINX config to its service, and back', () => {
    const compose = 'services:\n  proxy:\n    image: nginx:1.27\n    volumes: ["./nginx.conf:/etc/nginx/nginx.conf:ro"]\n  api:\n    image: example/api:1.0\n';
    const conf = 'events {}\nhttp {\n  server {\n    location / { proxy_pass http://api:8080; }\n  }\n}\n';
    const { analysis, file } = analysed({ '/p/compose.yaml': compose, '/p/nginx.conf': conf });
    // `api` in proxy_pass (line 3, characters 35-38) leads to the service's key.
    expect(definition(file('/p/nginx.conf'), pos(3, 36), analysis, uriOf)).toEqual([{ uri: uriOf('/p/compose.yaml'), range: range(4, 2, 4, 5) }]);
    expect(definition(file('/p/nginx.conf'), pos(3, 20), analysis, uriOf)).toEqual([]);
    const upstream = { uri: uriOf('/p/nginx.conf'), range: range(3, 35, 3, 38) };
    expect(references(file(), pos(4, 3), analysis, true, uriOf)).toEqual([{ uri: uriOf('/p/compose.yaml'), range: range(4, 2, 4, 5) }, upstream]);
    expect(references(file('/p/nginx.conf'), pos(3, 35), analysis, false, uriOf)).toEqual([upstream]);
  });
  it('rename a network across base and override: keys, list items, map keys; quotes and suffixes kept', () => {
    const { analysis, file } = analysed();
    expect(prepareRename(file(), pos(22, 2), analysis)).toEqual({ range: range(22, 2, 22, 6), placeholder: 'back' });
    const result = rename(file(), pos(22, 2), 'private', analysis)!;
    expect('edit' in result && result.edit.changes).toEqual({
      [uriOf('/p/.composure.yaml')]: [{ range: range(OFF.split('\n').length - 2, 36, OFF.split('\n').length - 2, 40), newText: 'private' }],
      [uriOf('/p/compose.yaml')]: [
        { range: range(11, 6, 11, 10), newText: 'private' },
        { range: range(16, 15, 16, 19), newText: 'private' },
        { range: range(22, 2, 22, 6), newText: 'private' },
      ],
      [uriOf('/p/compose.override.yaml')]: [{ range: range(2, 15, 2, 19), newText: 'private' }],
    });
    const db = rename(file(), pos(14, 2), 'postgres', analysis)!;
    expect('edit' in db && db.edit.changes![uriOf('/p/compose.yaml')].map((e) => e.range)).toEqual([range(13, 13, 13, 15), range(14, 2, 14, 4)]);
    expect(rename(file(), pos(14, 2), 'no good', analysis)).toEqual({
      error: '"no good" is not a valid service name: Compose requires services names to match ^[a-zA-Z0-9._-]+$.',
    });
    expect(rename(file(), pos(14, 2), 'api', analysis)).toEqual({
      error: 'A service named "api" already exists (/p/compose.yaml:8): renaming "db" to it would make them one.',
    });
    expect(rename(file(), pos(22, 2), 'default', analysis)).toEqual({
      error: 'The network "default" is the one Compose creates for services that list none: choose another name.',
    });
    expect(rename(file(), pos(2, 5), 'x', analysis)).toBeNull();
  });
});

describe('symbols and code lens', () => {
  it('services, networks and volumes with their ranges, even from a text that does not load', () => {
    const symbols = documentSymbols(new SourceFile('/p/compose.yaml', BASE));
    expect(symbols.map((s) => [s.name, s.children!.map((c) => c.name)])).toEqual([
      ['services', ['web', 'api', 'db', 'sidecar']],
      ['networks', ['front', 'back']],
      ['volumes', ['data']],
    ]);
    expect(symbols[0].children![0]).toMatchObject({ range: range(1, 2, 7, 0), selectionRange: range(1, 2, 1, 5), detail: 'service' });
    expect(documentSymbols(new SourceFile('/p/compose.yaml', 'services:\n  web:\n    image: [\n'))[0].children!.map((c) => c.name)).toEqual(['web']);
  });
  it('"reaches N · exposed …" per service; "no egress" when it cannot get out', () => {
    const { analysis, file } = analysed();
    expect(codeLenses(file(), analysis).map((l) => [l.range.start.line, l.command!.title])).toEqual([
      [1, 'reaches 3 · exposed 127.0.0.1:8080, :443/udp'],
      [7, 'reaches 3'],
      [14, 'reaches 3 · no egress'],
      [17, 'reaches 3'],
    ]);
    expect(lensTitle(analysis, 'nope')).toBe('not a service of this project');
  });
});

describe('code actions', () => {
  const text = 'version: "3"\nservices:\n  web:\n    image: nginx\n';
  const file = new SourceFile('/p/compose.yaml', text);
  const findings: Finding[] = [
    {
      ruleId: 'no-version-field',
      severity: 'warning',
      message: 'v',
      file: '/p/compose.yaml',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 8,
      start: 0,
      end: 7,
      fix: { edits: [{ start: 0, end: 13, text: '' }] },
    },
    {
      ruleId: 'require-image-tag',
      severity: 'warning',
      message: 't',
      file: '/p/compose.yaml',
      line: 4,
      column: 12,
      endLine: 4,
      endColumn: 17,
      start: 42,
      end: 47,
    },
  ];
  it('the fix as a quick fix, then disable for this line (indented) and for this file', () => {
    const actions = codeActions(uriOf('/p/compose.yaml'), file, findings, range(3, 0, 3, 0));
    expect(actions.map((a) => [a.title, a.edit!.changes![uriOf('/p/compose.yaml')]])).toEqual([
      ['Disable require-image-tag for this line', [{ range: range(3, 0, 3, 0), newText: '    # composure-disable-next-line require-image-tag\n' }]],
      ['Disable require-image-tag for this file', [{ range: range(0, 0, 0, 0), newText: '# composure-disable-file require-image-tag\n' }]],
    ]);
    const fix = codeActions(uriOf('/p/compose.yaml'), file, findings, range(0, 3, 0, 3))[0];
    expect(fix).toMatchObject({
      title: 'Fix this no-version-field problem',
      kind: 'quickfix',
      isPreferred: true,
      edit: { changes: { [uriOf('/p/compose.yaml')]: [{ range: range(0, 0, 1, 0), newText: '' }] } },
    });
  });
  it('CRLF files get CRLF directives; a request for other kinds gets nothing', () => {
    const crlf = new SourceFile('/p/compose.yaml', text.replace(/\n/g, '\r\n'));
    const actions = codeActions(uriOf('/p/compose.yaml'), crlf, [findings[1]], range(3, 0, 3, 0));
    expect(actions[0].edit!.changes![uriOf('/p/compose.yaml')][0].newText).toBe('    # composure-disable-next-line require-image-tag\r\n');
    expect(codeActions(uriOf('/p/compose.yaml'), file, findings, range(3, 0, 3, 0), ['refactor'])).toEqual([]);
  });
});

describe('hover from the schema', () => {
  const at = (text: string) => {
    const file = new SourceFile('/p/compose.yaml', text.replace('|', ''));
    const { line, column } = file.position(text.indexOf('|'));
    return hover(file, pos(line - 1, column - 1), undefined);
  };
  it('on any key: its description and type; on a value: the key it belongs to, and whether it enumerates it', () => {
    expect(at('services:\n  web:\n    ima|ge: nginx:1.27\n')).toEqual({
      contents: {
        kind: 'markdown',
        value: '**`image`**\n\nSpecify the image to start the container from. Can be a repository/tag, a digest, or a local image ID.\n\nType: string',
      },
      range: range(2, 4, 2, 9),
    });
    expect(at('services:\n  web:\n    volumes:\n      - type: vol|ume\n')).toEqual({
      contents: {
        kind: 'markdown',
        value:
          '`volume`: one of the values of `type`\n\nThe mount type: bind for mounting host directories, volume for named volumes, tmpfs for temporary filesystems, cluster for cluster volumes, npipe for named pipes, or image for mounting from an image.\n\nType: string\n\nValues: `bind`, `volume`, `tmpfs`, `cluster`, `npipe`, `image`',
      },
      range: range(3, 14, 3, 20),
    });
    expect((at('services:\n  web:\n    restart: al|ways\n')!.contents as { value: string }).value.split('\n')[0]).toBe(
      '`always`: one of the values of `restart`',
    );
    expect(at('x-defaults:\n  ima|ge: x\n')).toBeNull();
    expect(at('services:\n  web:\n    unknown_k|ey: 1\n')).toBeNull();
  });
});
