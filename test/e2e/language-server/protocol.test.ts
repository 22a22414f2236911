/**
 * The BUILT language server (`npm run build` first) over stdio, driven with
 * vscode-languageserver-protocol as an editor drives it: diagnostics on open and after edits
 * (an override file re-validates its base file; .env changes, watched or not), hover,
 * completion, definition, references, rename, symbols, code lens, quick fixes applied to the
 * text, pull diagnostics, configuration, the topology request, and robustness (200 rapid
 * edits, malformed JSON-RPC, unknown methods). Each test spawns its own server on a project
 * written to a temporary directory, whose .composure.yaml turns off every rule but the few
 * asserted, so that rules added later do not change what is expected.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it as vitestIt } from 'vitest';
import type { CodeAction, CodeLens, CompletionItem, Diagnostic, DocumentSymbol, Hover, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { rulesById } from '@composure/rules';
import { applyEdits, assertServerBuilt, LspClient, onlyRulesConfig, range, uriOf, type ClientOptions } from '../../support/lsp-client.js';

const DOCS = 'https://github.com/composure-lint/composure/blob/main/rules/src';

const BASE = [
  'version: "3.8"',
  'services:',
  '  web:',
  '    image: nginx',
  '    ports:',
  '      - "443:443"',
  '    networks: [front]',
  '    depends_on: [api]',
  '  api:',
  '    image: example/api:1.0',
  '    networks:',
  '      - front',
  '      - back',
  '  db:',
  '    image: postgres:16',
  '    networks: [back]',
  'networks:',
  '  front:',
  '  back:',
  '    internal: true',
  '  spare:',
  '',
].join('\n');

const OVERRIDE = ['# composure-disable-next-line require-healthcheck', 'services:', '  web:', '    environment:', '      LOG_LEVEL: debug', ''].join('\n');

const CONFIG = `${onlyRulesConfig('no-version-field', 'require-image-tag', 'no-unused-network')}policies:\n  - deny: { from: web, to: "network:back" }\n`;

const VERSION_MSG = 'The top-level `version` is obsolete: Docker Compose ignores it. Remove it.';
const warning = (code: string, r: ReturnType<typeof range>, message?: string): Partial<Diagnostic> => ({
  range: r,
  severity: 2,
  code,
  codeDescription: { href: `${DOCS}/${code}/${code}.md` },
  source: 'composure',
  ...(message ? { message } : {}),
});

let tmp: string;
beforeAll(() => {
  assertServerBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'composure-lsp-'));
});
/** The servers a test started, stopped when it ends (tests run concurrently: each keeps its own list). */
const started = new AsyncLocalStorage<LspClient[]>();
const it = (name: string, body: () => Promise<void>) =>
  vitestIt(name, async () => {
    const list: LspClient[] = [];
    try {
      await started.run(list, body);
    } finally {
      await Promise.all(list.map((c) => c.stop()));
    }
  });
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

let projects = 0;
/** Writes a project (file name → text) to a fresh directory. */
function project(files: Record<string, string>): string {
  const dir = join(tmp, `p${++projects}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function client(options: ClientOptions = {}): Promise<LspClient> {
  const c = new LspClient(options);
  started.getStore()!.push(c);
  await c.initialize(options);
  return c;
}

/** A project of a base file, its override and a configuration; the base file opened and its first diagnostics received. */
async function opened(options: ClientOptions = {}) {
  const dir = project({ 'compose.yaml': BASE, 'compose.override.yaml': OVERRIDE, '.composure.yaml': CONFIG });
  const base = join(dir, 'compose.yaml');
  const override = join(dir, 'compose.override.yaml');
  const c = await client({ rootPath: dir, ...options });
  const first = c.nextDiagnostics(uriOf(base));
  c.open(base, BASE);
  return { c, dir, base, override, diagnostics: await first };
}

const sortLocations = (locations: Location[]) =>
  [...locations].sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);

describe.concurrent('language server: diagnostics', () => {
  it('open → diagnostics with rule ids as codes, doc links, exact ranges and severities; a status notification with the counts', async () => {
    const { c, base, diagnostics } = await opened();
    expect(diagnostics).toEqual([
      { ...warning('no-version-field', range(0, 0, 0, 7)), message: VERSION_MSG },
      {
        ...warning('require-image-tag', range(3, 11, 3, 16)),
        message: 'Image "nginx" has no tag, which means "latest", a tag that moves with every release: pin a version tag (nginx:<version>) or a digest.',
      },
      { ...warning('no-unused-network', range(20, 2, 20, 7)), message: expect.stringContaining('"spare"') },
    ]);
    const status = await c.until(() => c.statuses.find((s) => s.uri === uriOf(base)), 5000, 'status');
    expect(status).toEqual({ uri: uriOf(base), errors: 0, warnings: 3, infos: 0 });
  });

  it('an incremental edit that fixes a problem clears it (and only it)', async () => {
    const { c, base } = await opened();
    const next = c.nextDiagnostics(uriOf(base), 2);
    c.change(base, 2, [{ range: range(3, 16, 3, 16), text: ':1.27' }]);
    expect((await next).map((d) => d.code)).toEqual(['no-version-field', 'no-unused-network']);
  });

  it('an unsaved edit in the override file re-validates the base file', async () => {
    const { c, base, override } = await opened();
    c.open(override, OVERRIDE);
    const again = c.nextDiagnostics(uriOf(base));
    // The override attaches web to `spare` too: the base file's network is no longer unused.
    c.change(override, 2, [{ range: range(5, 0, 5, 0), text: '    networks: [spare]\n' }]);
    expect((await again).map((d) => d.code)).toEqual(['no-version-field', 'require-image-tag']);
    // Unsaved: the disk still has the original override.
    expect(readFileSync(override, 'utf8')).toBe(OVERRIDE);
  });

  it('a .env change re-validates its dependants: through workspace/didChangeWatchedFiles when the client watches', async () => {
    const compose = 'services:\n  web:\n    image: "nginx:${TAG}"\n';
    const dir = project({ 'compose.yaml': compose, '.env': 'TAG=1.27\n', '.composure.yaml': onlyRulesConfig() });
    const c = await client({ rootPath: dir, capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
    const file = join(dir, 'compose.yaml');
    const first = c.nextDiagnostics(uriOf(file));
    c.open(file, compose);
    expect(await first).toEqual([]);
    writeFileSync(join(dir, '.env'), 'OTHER=1\n');
    const again = c.nextDiagnostics(uriOf(file));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(dir, '.env')), type: 2 }] });
    expect(await again).toEqual([
      {
        range: range(2, 18, 2, 24),
        severity: 2,
        code: 'interpolation',
        codeDescription: { href: `${DOCS}/interpolation/interpolation.md` },
        source: 'composure',
        message: 'The "TAG" variable is not set. Defaulting to a blank string.',
      },
    ]);
  });

  it('… and by watching the files itself when the client cannot', async () => {
    const compose = 'services:\n  web:\n    image: "nginx:${TAG}"\n';
    const dir = project({ 'compose.yaml': compose, '.composure.yaml': onlyRulesConfig() });
    const c = await client({ rootPath: dir });
    const file = join(dir, 'compose.yaml');
    const first = c.nextDiagnostics(uriOf(file));
    c.open(file, compose);
    expect((await first).map((d) => d.code)).toEqual(['interpolation']);
    // A .env that did not exist when the project was loaded: it was looked for, so it is watched.
    // The server starts watching right after it publishes: on a loaded machine the first write may come first, so write again.
    let again: Diagnostic[] | undefined;
    for (let attempt = 0; attempt < 5 && again === undefined; attempt++) {
      const next = c.nextDiagnostics(uriOf(file), undefined, 2000).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      writeFileSync(join(dir, '.env'), `TAG=1.27\n${'#\n'.repeat(attempt)}`);
      again = await next;
    }
    expect(again).toEqual([]);
  });

  it('200 rapid edits end with the right diagnostics, debounced', async () => {
    const { c, base } = await opened();
    const before = c.published.length;
    const last = c.nextDiagnostics(uriOf(base), 201, 20_000);
    // 199 keystrokes typing a comment at the end of line 0, then the tag that fixes require-image-tag.
    for (let v = 2; v <= 200; v++) {
      const at = v === 2 ? 14 : 16 + (v - 3);
      c.change(base, v, [{ range: range(0, at, 0, at), text: v === 2 ? ' #' : 'x' }]);
    }
    c.change(base, 201, [{ range: range(3, 16, 3, 16), text: ':1.27' }]);
    expect((await last).map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([
      ['no-version-field', 0, 0],
      ['no-unused-network', 20, 2],
    ]);
    // Debounced: far fewer publications than edits.
    expect(c.published.length - before).toBeLessThan(20);
  });

  it('pull diagnostics when the client advertises them (textDocument/diagnostic), and no push', async () => {
    const dir = project({ 'compose.yaml': BASE, '.composure.yaml': CONFIG });
    const file = join(dir, 'compose.yaml');
    const c = new LspClient({ rootPath: dir });
    started.getStore()!.push(c);
    const capabilities = await c.initialize({
      rootPath: dir,
      capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } },
    });
    expect(capabilities.diagnosticProvider).toEqual({ identifier: 'composure', interFileDependencies: true, workspaceDiagnostics: true });
    c.open(file, BASE);
    const report = await c.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: uriOf(file) } });
    expect(report.kind).toBe('full');
    expect(report.items.map((d) => [d.code, d.range])).toEqual([
      ['no-version-field', range(0, 0, 0, 7)],
      ['require-image-tag', range(3, 11, 3, 16)],
      ['no-unused-network', range(20, 2, 20, 7)],
    ]);
    await new Promise((r) => setTimeout(r, 400));
    expect(c.published).toEqual([]);
    expect(c.statuses).toEqual([{ uri: uriOf(file), errors: 0, warnings: 3, infos: 0 }]);
  });

  it('workspace/configuration: composure.enable false → no diagnostics', async () => {
    const { diagnostics } = await opened({ capabilities: { workspace: { configuration: true } }, settings: { enable: false } });
    expect(diagnostics).toEqual([]);
  });

  it('workspace/configuration: composure.configFile names the configuration used', async () => {
    const dir = project({ 'compose.yaml': BASE, 'lint.yaml': onlyRulesConfig('no-version-field') });
    const file = join(dir, 'compose.yaml');
    const c = await client({ rootPath: dir, capabilities: { workspace: { configuration: true } }, settings: { configFile: 'lint.yaml' } });
    const first = c.nextDiagnostics(uriOf(file));
    c.open(file, BASE);
    expect((await first).map((d) => d.code)).toEqual(['no-version-field']);
  });

  it('a project that cannot be loaded is one error at the top of the file, not a crash', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1\n', '.composure.yaml': 'rules: [oops\n' });
    const file = join(dir, 'compose.yaml');
    const c = await client({ rootPath: dir });
    const first = c.nextDiagnostics(uriOf(file));
    c.open(file, 'services:\n  web:\n    image: nginx:1\n');
    const diagnostics = await first;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ range: range(0, 0, 0, 0), severity: 1, code: 'compose-load', source: 'composure' });
    expect(diagnostics[0].message).toMatch(/^invalid YAML in .*\.composure\.yaml/);
  });
});

describe.concurrent('language server: features', () => {
  it('hover on a service: networks, reaches, reached by, ingress, egress', async () => {
    const { c, base } = await opened();
    const hover = await c.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf(base) }, position: { line: 2, character: 3 } });
    expect(hover).toEqual({
      contents: {
        kind: 'markdown',
        value: [
          '**`web`** service',
          '',
          '- networks: `front`',
          '- reaches (1): `api`',
          '- reached by (1): `api`',
          '- ingress: `:443→443/tcp`',
          '- egress: yes (can open connections to the internet)',
        ].join('\n'),
      },
      range: range(2, 2, 2, 5),
    });
  });

  it('hover on a network: members, subnet, internal, the policies that mention it', async () => {
    const { c, base } = await opened();
    const hover = await c.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf(base) }, position: { line: 15, character: 17 } });
    expect(hover.range).toEqual(range(15, 15, 15, 19));
    expect((hover.contents as { value: string }).value).toBe(
      [
        `**\`back\`** network (Docker name \`${projectName(base)}_back\`)`,
        '',
        '- members (2): `api`, `db`',
        '- subnet: assigned by Docker',
        '- internal: yes (no egress)',
        '- policies: `deny web → network:back`',
      ].join('\n'),
    );
  });

  it('hover on a rule id in a directive: its description and doc link', async () => {
    const { c, override } = await opened();
    c.open(override, OVERRIDE);
    const hover = await c.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf(override) }, position: { line: 0, character: 35 } });
    const rule = rulesById.get('require-healthcheck')!;
    expect(hover).toEqual({
      contents: {
        kind: 'markdown',
        value: `**\`require-healthcheck\`** (info)\n\n${rule.meta.description}\n\n[Documentation](${DOCS}/require-healthcheck/require-healthcheck.md)`,
      },
      range: range(0, 30, 0, 49),
    });
  });

  it('completion: networks in a service `networks`, services in `depends_on`, rule ids in a directive', async () => {
    const { c, base, override } = await opened();
    const at = (uri: string, line: number, character: number) =>
      c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    const networks = await at(uriOf(base), 6, 15);
    expect(networks.map((i) => [i.label, i.detail])).toEqual([
      ['back', 'network'],
      ['front', 'network'],
      ['spare', 'network'],
    ]);
    const services = await at(uriOf(base), 7, 17);
    expect(services.map((i) => i.label)).toEqual(['api', 'db']);
    c.open(override, OVERRIDE);
    const ruleIds = await at(uriOf(override), 0, 44);
    expect(ruleIds.length).toBe(rulesById.size);
    expect(ruleIds.find((i) => i.label === 'require-healthcheck')).toMatchObject({
      textEdit: { range: range(0, 30, 0, 44), newText: 'require-healthcheck' },
      detail: rulesById.get('require-healthcheck')!.meta.description,
    });
  });

  it('completion: `network_mode: service:` and `extends.service` offer the other services', async () => {
    const { c, base } = await opened();
    const text = BASE.replace('    depends_on: [api]\n', '    depends_on: [api]\n    network_mode: service:\n');
    const next = c.nextDiagnostics(uriOf(base), 2);
    c.change(base, 2, [{ text }]);
    await next;
    const items = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uriOf(base) }, position: { line: 8, character: 26 } });
    expect(items.map((i) => [i.label, i.textEdit])).toEqual([
      ['service:api', { range: range(8, 18, 8, 26), newText: 'service:api' }],
      ['service:db', { range: range(8, 18, 8, 26), newText: 'service:db' }],
    ]);
  });

  it('definition from an upstream in a mounted nginx.conf to its service; the service references it', async () => {
    const compose = 'services:\n  proxy:\n    image: nginx:1.27\n    volumes: ["./nginx.conf:/etc/nginx/nginx.conf:ro"]\n  api:\n    image: example/api:1.0\n';
    const conf = 'events {}\nhttp {\n  server {\n    location / { proxy_pass http://api:8080; }\n  }\n}\n';
    const dir = project({ 'compose.yaml': compose, 'nginx.conf': conf, '.composure.yaml': onlyRulesConfig('no-version-field') });
    const [file, nginx] = [join(dir, 'compose.yaml'), join(dir, 'nginx.conf')];
    const c = await client({ rootPath: dir });
    const first = c.nextDiagnostics(uriOf(file));
    c.open(file, compose);
    await first;
    c.open(nginx, conf);
    const api = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: uriOf(nginx) }, position: { line: 3, character: 36 } });
    expect(api).toEqual([{ uri: uriOf(file), range: range(4, 2, 4, 5) }]);
    const refs = await c.request<Location[]>('textDocument/references', {
      textDocument: { uri: uriOf(file) },
      position: { line: 4, character: 3 },
      context: { includeDeclaration: false },
    });
    expect(refs).toEqual([{ uri: uriOf(nginx), range: range(3, 35, 3, 38) }]);
  });

  it('definition across the merged files; references of a network', async () => {
    const { c, dir, base, override } = await opened();
    c.open(override, OVERRIDE);
    const api = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: uriOf(base) }, position: { line: 7, character: 19 } });
    expect(api).toEqual([{ uri: uriOf(base), range: range(8, 2, 8, 5) }]);
    const web = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: uriOf(override) }, position: { line: 2, character: 3 } });
    expect(sortLocations(web)).toEqual(
      sortLocations([
        { uri: uriOf(base), range: range(2, 2, 2, 5) },
        { uri: uriOf(override), range: range(2, 2, 2, 5) },
      ]),
    );
    const back = await c.request<Location[]>('textDocument/references', {
      textDocument: { uri: uriOf(base) },
      position: { line: 18, character: 3 },
      context: { includeDeclaration: true },
    });
    // The policy of .composure.yaml names it too (`network:back`).
    const policyLine = CONFIG.split('\n').length - 2;
    expect(sortLocations(back)).toEqual([
      { uri: uriOf(join(dir, '.composure.yaml')), range: range(policyLine, 36, policyLine, 40) },
      { uri: uriOf(base), range: range(12, 8, 12, 12) },
      { uri: uriOf(base), range: range(15, 15, 15, 19) },
      { uri: uriOf(base), range: range(18, 2, 18, 6) },
    ]);
    const refsOnly = await c.request<Location[]>('textDocument/references', {
      textDocument: { uri: uriOf(base) },
      position: { line: 18, character: 3 },
      context: { includeDeclaration: false },
    });
    expect(refsOnly).toHaveLength(3);
  });

  it('rename a service across the base and override files: keys and every reference', async () => {
    const { c, dir, base, override } = await opened();
    c.open(override, OVERRIDE);
    const prepared = await c.request('textDocument/prepareRename', { textDocument: { uri: uriOf(base) }, position: { line: 2, character: 4 } });
    expect(prepared).toEqual({ range: range(2, 2, 2, 5), placeholder: 'web' });
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: uriOf(base) },
      position: { line: 2, character: 4 },
      newName: 'frontend',
    });
    // The policy of .composure.yaml (`from: web`) is renamed with it.
    expect(Object.keys(edit.changes!).sort()).toEqual([uriOf(base), uriOf(override), uriOf(join(dir, '.composure.yaml'))].sort());
    expect(applyEdits(CONFIG, edit.changes![uriOf(join(dir, '.composure.yaml'))])).toBe(CONFIG.replace('from: web,', 'from: frontend,'));
    expect(applyEdits(OVERRIDE, edit.changes![uriOf(override)])).toBe(OVERRIDE.replace('  web:', '  frontend:'));
    const api = await c.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: uriOf(base) },
      position: { line: 8, character: 3 },
      newName: 'backend',
    });
    expect(api.changes![uriOf(base)]).toEqual([
      { range: range(7, 17, 7, 20), newText: 'backend' },
      { range: range(8, 2, 8, 5), newText: 'backend' },
    ]);
    expect(applyEdits(BASE, api.changes![uriOf(base)])).toBe(BASE.replace('depends_on: [api]', 'depends_on: [backend]').replace('  api:', '  backend:'));
    await expect(
      c.request('textDocument/rename', { textDocument: { uri: uriOf(base) }, position: { line: 8, character: 3 }, newName: 'bad name' }),
    ).rejects.toThrow('"bad name" is not a valid service name');
  });

  it('rename a network: its key and every service that joins it', async () => {
    const { c, base } = await opened();
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: uriOf(base) },
      position: { line: 11, character: 9 },
      newName: 'public',
    });
    expect(applyEdits(BASE, edit.changes![uriOf(base)])).toBe(
      BASE.replace('networks: [front]', 'networks: [public]').replace('      - front', '      - public').replace('  front:', '  public:'),
    );
  });

  it('document symbols: services, networks and volumes under their sections', async () => {
    const { c, base } = await opened();
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uriOf(base) } });
    expect(symbols.map((s) => [s.name, s.kind, s.selectionRange, s.children!.map((c) => [c.name, c.kind, c.selectionRange])])).toEqual([
      [
        'services',
        3,
        range(1, 0, 1, 8),
        [
          ['web', 5, range(2, 2, 2, 5)],
          ['api', 5, range(8, 2, 8, 5)],
          ['db', 5, range(13, 2, 13, 4)],
        ],
      ],
      [
        'networks',
        3,
        range(16, 0, 16, 8),
        [
          ['front', 11, range(17, 2, 17, 7)],
          ['back', 11, range(18, 2, 18, 6)],
          ['spare', 11, range(20, 2, 20, 7)],
        ],
      ],
    ]);
  });

  it('a code lens above each service: "reaches N · exposed :PORT", "no egress"', async () => {
    const { c, base } = await opened();
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uriOf(base) } });
    expect(lenses.map((l) => [l.range, l.command!.title])).toEqual([
      [range(2, 2, 2, 5), 'reaches 1 · exposed :443'],
      [range(8, 2, 8, 5), 'reaches 2'],
      [range(13, 2, 13, 4), 'reaches 1 · no egress'],
    ]);
  });

  it("quick fixes: the rule's fix applied to the text clears the finding; disable for this line / for this file", async () => {
    const { c, base } = await opened();
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uriOf(base) },
      range: range(0, 0, 0, 0),
      context: { diagnostics: [] },
    });
    expect(actions.map((a) => [a.title, a.kind])).toEqual([
      ['Fix this no-version-field problem', 'quickfix'],
      ['Disable no-version-field for this line', 'quickfix'],
      ['Disable no-version-field for this file', 'quickfix'],
    ]);
    const fixed = applyEdits(BASE, actions[0].edit!.changes![uriOf(base)]);
    expect(fixed).toBe(BASE.replace('version: "3.8"\n', ''));
    const next = c.nextDiagnostics(uriOf(base), 2);
    c.change(base, 2, [{ text: fixed }]);
    expect((await next).map((d) => [d.code, d.range.start.line])).toEqual([
      ['require-image-tag', 2],
      ['no-unused-network', 19],
    ]);
    // On the image line: disable for this line puts the directive above it, indented as the line.
    const tagActions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uriOf(base) },
      range: range(2, 12, 2, 12),
      context: { diagnostics: [] },
    });
    const line = tagActions.find((a) => a.title === 'Disable require-image-tag for this line')!;
    const disabled = applyEdits(fixed, line.edit!.changes![uriOf(base)]);
    expect(disabled.split('\n').slice(1, 4)).toEqual(['  web:', '    # composure-disable-next-line require-image-tag', '    image: nginx']);
    const next2 = c.nextDiagnostics(uriOf(base), 3);
    c.change(base, 3, [{ text: disabled }]);
    expect((await next2).map((d) => d.code)).toEqual(['no-unused-network']);
    const fileWide = tagActions.find((a) => a.title === 'Disable require-image-tag for this file')!;
    expect(fileWide.edit!.changes![uriOf(base)]).toEqual([{ range: range(0, 0, 0, 0), newText: '# composure-disable-file require-image-tag\n' }]);
  });

  it('composure/topology: the HTML page of the project, with unsaved buffers', async () => {
    const { c, base } = await opened();
    const result = await c.request<{ html: string; title: string }>('composure/topology', { uri: uriOf(base) });
    expect(result.title).toBe(`${projectName(base)}: network topology`);
    expect(result.html.startsWith('<!doctype html>')).toBe(true);
    expect(result.html).toContain('<svg');
    expect(await c.request('composure/topology', { uri: 'file:///nowhere/compose.yaml' })).toBeNull();
  });
});

describe.concurrent('language server: robustness', () => {
  it('malformed JSON-RPC (garbage header, invalid JSON, wrong shapes) and unknown methods leave it alive', async () => {
    const { c, base } = await opened();
    c.child.stdin.write('Content-Length: 10\r\n\r\n{"bad json');
    c.child.stdin.write('Content-Length: 2\r\n\r\n[]');
    c.child.stdin.write('Content-Length: 4\r\n\r\nnull');
    await expect(c.request('composure/no-such-method', {})).rejects.toMatchObject({ code: -32601 });
    await c.connection.sendNotification('composure/no-such-notification', { x: 1 });
    // Requests with nonsense parameters answer empty.
    expect(await c.request('textDocument/hover', { textDocument: { uri: uriOf(base) }, position: { line: 'x', character: -4 } })).toBeNull();
    expect(await c.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///not/open.yaml' } })).toEqual([]);
    expect(await c.request('textDocument/codeLens', {})).toEqual([]);
    await c.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: 'file:///not/open.yaml', version: 3 },
      contentChanges: [{ text: 'x' }],
    });
    c.child.stdin.write('Garbage: yes\r\n\r\n');
    await new Promise((r) => setTimeout(r, 200));
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uriOf(base) } });
    expect(lenses).toHaveLength(3);
    expect(c.exited).toBeUndefined();
  });

  it('--stdio is required; --help prints usage', async () => {
    const { spawnSync } = await import('node:child_process');
    const { SERVER } = await import('../../support/lsp-client.js');
    const none = spawnSync(process.execPath, [SERVER], { encoding: 'utf8' });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('give a transport');
    const help = spawnSync(process.execPath, [SERVER, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: composure-language-server --stdio');
  });
});

/** The project name composure gives a directory. */
function projectName(file: string): string {
  return file
    .split('/')
    .at(-2)!
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '');
}
