/**
 * The BUILT language server (`npm run build` first) over stdio: navigation and rename of names
 * wherever a project writes them — through YAML anchors and merge keys (the sentry case: a
 * rename of `redis` must reach the `depends_on` of an anchored block once, at the anchor), in
 * `.composure.yaml` policies, in hosts of environment values — and the renames refused (a name
 * taken, a name Compose's schema refuses, a position that is no name); completion of those names
 * (never one already listed) and of Compose's schema (keys, values, snippets), hover on any key.
 * Each test spawns its own server on a project written to a temporary directory.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, Diagnostic, Hover, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits, assertServerBuilt, LspClient, onlyRulesConfig, range, uriOf } from '../../support/lsp-client.js';

const at = (line: number, character: number) => ({ line, character });

/** Sentry's shape (its x-sentry-defaults / x-snuba-defaults): the dependencies every service shares live in an anchored block. */
const ANCHORED = [
  'x-defaults: &defaults',
  '  restart: unless-stopped',
  '  depends_on:',
  '    - redis',
  '    - kafka',
  'services:',
  '  redis:',
  '    image: redis:7.4',
  '  kafka:',
  '    image: apache/kafka:3.9.0',
  '  web:',
  '    <<: *defaults',
  '    image: example/web:1.0',
  '    environment:',
  '      CACHE_URL: "redis://redis:6379/0"',
  '  worker:',
  '    <<: *defaults',
  '    image: example/worker:1.0',
  '',
].join('\n');

const SEGMENTED = [
  'services:',
  '  web:',
  '    image: example/web:1.0',
  '    networks: [frontend, database]',
  '    environment:',
  '      API_URL: http://gateway:8000/v1',
  '  gateway:',
  '    image: example/gateway:1.0',
  '    networks: [frontend]',
  '  postgres:',
  '    image: postgres:17.2',
  '    networks: [database]',
  '    volumes: [pgdata:/var/lib/postgresql/data]',
  'networks:',
  '  frontend:',
  '  database:',
  'volumes:',
  '  pgdata:',
  '',
].join('\n');
const POLICY = `${onlyRulesConfig('reachability-policy', 'no-undefined-service', 'no-undefined-network')}policies:\n  - deny: { from: web, to: "network:database" }\n`;

let tmp: string;
let projects = 0;
const clients: LspClient[] = [];
beforeAll(() => {
  assertServerBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'composure-lsp-names-'));
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A project written to a fresh directory, a server on it, the compose file opened and its first diagnostics. */
async function opened(compose: string, config: string, others: Record<string, string> = {}) {
  const dir = join(tmp, `p${++projects}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(others)) writeFileSync(join(dir, name), text);
  const base = join(dir, 'compose.yaml');
  const configPath = join(dir, '.composure.yaml');
  writeFileSync(base, compose);
  writeFileSync(configPath, config);
  const c = new LspClient({ rootPath: dir });
  clients.push(c);
  await c.initialize({ rootPath: dir });
  const first = c.nextDiagnostics(uriOf(base));
  c.open(base, compose);
  return { c, dir, base, configPath, diagnostics: await first };
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);

describe('language server: names through anchors, policies and hosts', () => {
  it('renaming a service used inside an anchored block edits the anchor once; no no-undefined-service after it (the sentry case)', async () => {
    const { c, base, diagnostics } = await opened(ANCHORED, onlyRulesConfig('no-undefined-service'));
    expect(codes(diagnostics)).toEqual([]);
    const prepared = await c.request('textDocument/prepareRename', { textDocument: { uri: uriOf(base) }, position: at(3, 7) });
    expect(prepared).toEqual({ range: range(3, 6, 3, 11), placeholder: 'redis' });
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uriOf(base) }, position: at(6, 3), newName: 'cache' });
    expect(edit.changes).toEqual({
      [uriOf(base)]: [
        { range: range(3, 6, 3, 11), newText: 'cache' },
        { range: range(6, 2, 6, 7), newText: 'cache' },
        { range: range(14, 26, 14, 31), newText: 'cache' },
      ],
    });
    const renamed = applyEdits(ANCHORED, edit.changes![uriOf(base)]);
    expect(renamed).toBe(ANCHORED.replace('    - redis', '    - cache').replace('  redis:', '  cache:').replace('redis://redis:', 'redis://cache:'));
    const after = c.nextDiagnostics(uriOf(base), 2);
    c.change(base, 2, [{ text: renamed }]);
    expect(codes(await after)).toEqual([]);
  });

  it('definition, references and hover inside an anchored block', async () => {
    const { c, base } = await opened(ANCHORED, onlyRulesConfig('no-undefined-service'));
    const definition = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: uriOf(base) }, position: at(4, 8) });
    expect(definition).toEqual([{ uri: uriOf(base), range: range(8, 2, 8, 7) }]);
    const references = await c.request<Location[]>('textDocument/references', {
      textDocument: { uri: uriOf(base) },
      position: at(8, 3),
      context: { includeDeclaration: false },
    });
    expect(references).toEqual([{ uri: uriOf(base), range: range(4, 6, 4, 11) }]);
    const hover = await c.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf(base) }, position: at(3, 8) });
    expect(hover.range).toEqual(range(3, 6, 3, 11));
    expect((hover.contents as { value: string }).value.split('\n')[0]).toBe('**`redis`** service');
  });

  it('a rename to a name already taken, or one Compose refuses, is refused with the reason; a position that is no name cannot be renamed', async () => {
    const { c, base } = await opened(ANCHORED, onlyRulesConfig('no-undefined-service'));
    await expect(c.request('textDocument/rename', { textDocument: { uri: uriOf(base) }, position: at(10, 3), newName: 'worker' })).rejects.toThrow(
      `A service named "worker" already exists (${base}:16): renaming "web" to it would make them one.`,
    );
    await expect(c.request('textDocument/rename', { textDocument: { uri: uriOf(base) }, position: at(10, 3), newName: 'web/2' })).rejects.toThrow(
      '"web/2" is not a valid service name: Compose requires services names to match ^[a-zA-Z0-9._-]+$.',
    );
    expect(await c.request('textDocument/prepareRename', { textDocument: { uri: uriOf(base) }, position: at(12, 6) })).toBeNull();
  });

  it('renaming a network updates the .composure.yaml policy that names it (not open), and the policy still holds', async () => {
    const { c, base, configPath, diagnostics } = await opened(SEGMENTED, POLICY);
    expect(codes(diagnostics)).toEqual(['reachability-policy']);
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uriOf(base) }, position: at(15, 4), newName: 'datastore' });
    const policyLine = POLICY.split('\n').length - 2;
    expect(edit.changes).toEqual({
      [uriOf(configPath)]: [{ range: range(policyLine, 36, policyLine, 44), newText: 'datastore' }],
      [uriOf(base)]: [
        { range: range(3, 25, 3, 33), newText: 'datastore' },
        { range: range(11, 15, 11, 23), newText: 'datastore' },
        { range: range(15, 2, 15, 10), newText: 'datastore' },
      ],
    });
    const config = applyEdits(POLICY, edit.changes![uriOf(configPath)]);
    expect(config).toBe(POLICY.replace('network:database', 'network:datastore'));
    // The editor applies the edit to the unopened file: the server sees it as a document.
    c.open(configPath, config);
    const after = c.nextDiagnostics(uriOf(base), 2);
    c.change(base, 2, [{ text: applyEdits(SEGMENTED, edit.changes![uriOf(base)]) }]);
    const violations = (await after).filter((d) => d.code === 'reachability-policy');
    expect(violations.map((d) => [d.range, d.message.includes('network:datastore')])).toEqual([[range(3, 25, 3, 34), true]]);
  });

  it('renaming a service renames the host of a URL in an environment value; from the policy file, a selector renames the service', async () => {
    const { c, base, configPath } = await opened(SEGMENTED, POLICY);
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uriOf(base) }, position: at(6, 3), newName: 'api-gateway' });
    expect(edit.changes).toEqual({
      [uriOf(base)]: [
        { range: range(5, 22, 5, 29), newText: 'api-gateway' },
        { range: range(6, 2, 6, 9), newText: 'api-gateway' },
      ],
    });
    expect(applyEdits(SEGMENTED, edit.changes![uriOf(base)])).toContain('API_URL: http://api-gateway:8000/v1');
    c.open(configPath, POLICY);
    const policyLine = POLICY.split('\n').length - 2;
    const web = await c.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: uriOf(configPath) },
      position: at(policyLine, 19),
      newName: 'site',
    });
    expect(web.changes).toEqual({
      [uriOf(configPath)]: [{ range: range(policyLine, 18, policyLine, 21), newText: 'site' }],
      [uriOf(base)]: [{ range: range(1, 2, 1, 5), newText: 'site' }],
    });
  });

  it('a volume: definition from its mount, rename of both', async () => {
    const { c, base } = await opened(SEGMENTED, POLICY);
    const definition = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: uriOf(base) }, position: at(12, 15) });
    expect(definition).toEqual([{ uri: uriOf(base), range: range(17, 2, 17, 8) }]);
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uriOf(base) }, position: at(17, 2), newName: 'pg-data' });
    expect(edit.changes).toEqual({
      [uriOf(base)]: [
        { range: range(12, 14, 12, 20), newText: 'pg-data' },
        { range: range(17, 2, 17, 8), newText: 'pg-data' },
      ],
    });
  });
});

describe('language server: names in other files', () => {
  it("an extends target file's service renamed there and at the reference; a host in an env_file renamed with its service", async () => {
    const compose = [
      'services:',
      '  web:',
      '    extends: { file: common.yaml, service: base }',
      '    env_file: [web.env]',
      '  gateway:',
      '    image: example/gateway:1.0',
      '',
    ].join('\n');
    const common = 'services:\n  base:\n    image: example/web:1.0\n';
    const env = 'UPSTREAM_URL=http://gateway:8000\n';
    const { c, dir, base } = await opened(compose, onlyRulesConfig(), { 'common.yaml': common, 'web.env': env });
    const extended = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uriOf(base) }, position: at(2, 44), newName: 'web-base' });
    expect(extended.changes).toEqual({
      [uriOf(base)]: [{ range: range(2, 43, 2, 47), newText: 'web-base' }],
      [uriOf(join(dir, 'common.yaml'))]: [{ range: range(1, 2, 1, 6), newText: 'web-base' }],
    });
    const gateway = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uriOf(base) }, position: at(4, 3), newName: 'edge' });
    expect(gateway.changes).toEqual({
      [uriOf(base)]: [{ range: range(4, 2, 4, 9), newText: 'edge' }],
      [uriOf(join(dir, 'web.env'))]: [{ range: range(0, 20, 0, 27), newText: 'edge' }],
    });
  });
});

describe('language server: completion and hover from names and the schema', () => {
  it('names wherever referenced, never one the list holds: a network in a service, a volume before its colon', async () => {
    const { c, base } = await opened(SEGMENTED, POLICY);
    const text = SEGMENTED.replace('    networks: [frontend]\n', '    networks: [frontend, ]\n    volumes:\n      - \n');
    const next = c.nextDiagnostics(uriOf(base), 2);
    c.change(base, 2, [{ text }]);
    await next;
    const networks = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uriOf(base) }, position: at(8, 25) });
    expect(networks.map((i) => [i.label, i.textEdit])).toEqual([['database', { range: range(8, 25, 8, 25), newText: 'database' }]]);
    const volumes = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uriOf(base) }, position: at(10, 8) });
    expect(volumes.map((i) => [i.label, i.textEdit])).toEqual([['pgdata', { range: range(10, 8, 10, 8), newText: 'pgdata' }]]);
  });

  it("keys of Compose's schema with their documentation (not those written), a snippet, enumerated values; hover on a key", async () => {
    const { c, base } = await opened(SEGMENTED, POLICY);
    const text = SEGMENTED.replace('    image: example/gateway:1.0\n', '    image: example/gateway:1.0\n    hea\n    restart: \n');
    const next = c.nextDiagnostics(uriOf(base), 2);
    c.change(base, 2, [{ text }]);
    await next;
    const keys = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uriOf(base) }, position: at(8, 7) });
    expect(keys.find((i) => i.label === 'healthcheck')).toMatchObject({
      kind: 10,
      documentation: { kind: 'markdown', value: 'Configure a health check for the container to monitor its health status.\n\nType: mapping' },
      textEdit: { range: range(8, 4, 8, 7), newText: 'healthcheck:\n      ' },
    });
    expect(keys.find((i) => i.label === 'healthcheck' && i.kind === 15)).toMatchObject({ insertTextFormat: 2, textEdit: { range: range(8, 4, 8, 7) } });
    expect(keys.filter((i) => ['image', 'networks', 'restart'].includes(i.label)).map((i) => i.label)).toEqual([]);
    const restart = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uriOf(base) }, position: at(9, 13) });
    expect(restart.map((i) => [i.label, i.textEdit])).toEqual(
      ['no', 'always', 'on-failure', 'unless-stopped'].map((value) => [value, { range: range(9, 13, 9, 13), newText: value }]),
    );
    const image = await c.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf(base) }, position: at(7, 6) });
    expect(image).toEqual({
      contents: {
        kind: 'markdown',
        value: '**`image`**\n\nSpecify the image to start the container from. Can be a repository/tag, a digest, or a local image ID.\n\nType: string',
      },
      range: range(7, 4, 7, 9),
    });
  });
});
