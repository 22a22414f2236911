/**
 * No secret in anything the language server says (the BUILT server over stdio; `npm run build`
 * first). A project plants passwords in environment values, in URLs (one with a host that is not
 * a service, which the host rules look at; one whose password is interpolated from the .env), in
 * a healthcheck command, in build args, in an x- extension, and in the .env itself (used and
 * unused). Every feature is asked at every position of every line of every file (hover,
 * completion, definition, references, prepareRename, rename, codeAction), once per file for
 * symbols, code lenses, composure/topology and pull diagnostics; push diagnostics and
 * composure/status come by themselves. Every byte the server writes — each JSON-RPC message,
 * window/logMessage, window/showMessage and telemetry included — and its stderr are scanned.
 *
 * Excluded from the scan: the `newText` of WorkspaceEdits (code actions, rename). A quick fix that
 * moves a line (a reorder fix) carries the user's own text back into the user's own file; that
 * is text being moved, not printed. The rest of every such message is scanned.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertServerBuilt, LspClient, uriOf } from '../support/lsp-client.js';
import { tempDirForFile } from '../support/temp-dir.js';

const PLANTED = /s3cr3t|PLANTED/i;

const COMPOSE = [
  'name: shop',
  'services:',
  '  db:',
  '    image: postgres:16',
  '    environment:',
  '      POSTGRES_PASSWORD: s3cr3t-PLANTED-1',
  '      POSTGRES_USER: admin',
  '    networks: [back]',
  '  api:',
  '    image: example/api:1.0',
  '    build:',
  '      context: .',
  '      args:',
  '        NPM_TOKEN: s3cr3t-PLANTED-10',
  '    environment:',
  '      DATABASE_URL: postgres://u:s3cr3t-PLANTED-2@db/x',
  '      CACHE_URL: redis://:s3cr3t-PLANTED-5@cache-missing:6379/0',
  '      REPLICA_URL: postgres://u:${API_TOKEN}@replica-missing/x',
  '      API_TOKEN: ${API_TOKEN}',
  '      FALLBACK_SECRET: ${MISSING_SECRET:-s3cr3t-PLANTED-4}',
  '    healthcheck:',
  '      test: ["CMD", "curl", "-f", "http://admin:s3cr3t-PLANTED-6@localhost/health"]',
  '    depends_on: [db]',
  '    networks: [front, back]',
  '  web:',
  '    image: nginx',
  '    environment:',
  '      - SESSION_SECRET=s3cr3t-PLANTED-7',
  '      - UPSTREAM=http://api:s3cr3t-PLANTED-8@api:8080',
  '    depends_on: [api]',
  '    ports: ["443:443"]',
  '    networks: [front]',
  'networks:',
  '  front:',
  '  back:',
  '    internal: true',
  'x-credentials: &creds',
  '  password: s3cr3t-PLANTED-9',
  '',
].join('\n');

const OVERRIDE = ['services:', '  web:', '    environment:', '      ADMIN_PASSWORD: s3cr3t-PLANTED-11', ''].join('\n');
const ENV = ['API_TOKEN=s3cr3t-PLANTED-3', 'UNUSED_PASSWORD=s3cr3t-PLANTED-12', 'BROKEN=${', ''].join('\n');
const CONFIG = ['rules:', '  require-healthcheck: warning', 'policies:', '  - deny: { from: web, to: db }', ''].join('\n');

/** A JSON-RPC message with the newText of its WorkspaceEdits left out (see the header). */
function withoutEditTexts(value: unknown, inEdit = false): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutEditTexts(v, inEdit));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (inEdit && key === 'newText') continue;
    out[key] = withoutEditTexts(v, inEdit || key === 'edit' || key === 'changes' || key === 'documentChanges');
  }
  return out;
}

const tmp = tempDirForFile('composure-lsp-secrets-', assertServerBuilt);

describe('language server: no planted secret in any output', () => {
  for (const mode of ['push', 'pull'] as const) {
    it(`every feature at every position, ${mode} diagnostics: no message contains a planted secret`, async () => {
      const dir = join(tmp(), mode);
      mkdirSync(dir);
      const files: Record<string, string> = { 'compose.yaml': COMPOSE, 'compose.override.yaml': OVERRIDE, '.env': ENV, '.composure.yaml': CONFIG };
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      const c = new LspClient({ rootPath: dir, recordMessages: true });
      const capabilities =
        mode === 'pull'
          ? {
              textDocument: { diagnostic: { dynamicRegistration: false } },
              workspace: { diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
            }
          : { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } };
      let requests = 0;
      try {
        await c.initialize({ rootPath: dir, capabilities });
        const compose = join(dir, 'compose.yaml');
        const first = mode === 'push' ? c.nextDiagnostics(uriOf(compose), 1, 20_000) : undefined;
        for (const [name, text] of Object.entries(files)) c.open(join(dir, name), text);
        if (first) {
          const diagnostics = await first;
          // The planted credentials are found (so the rules did look at them), without being printed.
          expect(diagnostics.filter((d) => d.code === 'no-secrets-in-environment').length).toBeGreaterThanOrEqual(4);
        }
        for (const [name, text] of Object.entries(files)) {
          const uri = uriOf(join(dir, name));
          const textDocument = { uri };
          const perFile: Promise<unknown>[] = [
            c.request('textDocument/documentSymbol', { textDocument }),
            c.request('textDocument/codeLens', { textDocument }),
            c.request('composure/topology', { uri }),
          ];
          if (mode === 'pull') perFile.push(c.request('textDocument/diagnostic', { textDocument }));
          await Promise.all(perFile);
          requests += perFile.length;
          const lines = text.split('\n');
          for (let line = 0; line < lines.length + 1; line++) {
            const length = lines[line]?.length ?? 0;
            const asked: Promise<unknown>[] = [];
            const lineRange = { start: { line, character: 0 }, end: { line, character: length } };
            asked.push(c.request('textDocument/codeAction', { textDocument, range: lineRange, context: { diagnostics: [] } }));
            for (let character = 0; character <= length + 1; character++) {
              const position = { line, character };
              asked.push(
                c.request('textDocument/hover', { textDocument, position }),
                c.request('textDocument/completion', { textDocument, position }),
                c.request('textDocument/definition', { textDocument, position }),
                c.request('textDocument/references', { textDocument, position, context: { includeDeclaration: true } }),
                c.request('textDocument/prepareRename', { textDocument, position }),
                c.request('textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }),
              );
              if (character % 4 === 0) asked.push(c.request('textDocument/rename', { textDocument, position, newName: 'renamed' }).catch(() => null));
            }
            await Promise.all(asked);
            requests += asked.length;
          }
        }
        // The .env rewritten (another planted value) and the watched-file notification: diagnostics again.
        writeFileSync(join(dir, '.env'), ENV.replace('PLANTED-3', 'PLANTED-13'));
        void c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(dir, '.env')), type: 2 }] });
        // A broken edit: load errors are reported too.
        c.change(compose, 2, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '      BAD: [s3cr3t-PLANTED-14\n' }]);
        if (mode === 'push') await c.nextDiagnostics(uriOf(compose), 2, 20_000);
        else {
          await new Promise((r) => setTimeout(r, 400));
          await c.request('textDocument/diagnostic', { textDocument: { uri: uriOf(compose) } });
        }
        await c.request('composure/topology', { uri: uriOf(compose) });
        await c.request('textDocument/hover', { textDocument: { uri: uriOf(compose) }, position: { line: 2, character: 3 } });
      } finally {
        await c.stop();
      }

      const messages = c.messages;
      expect(messages.length).toBeGreaterThan(requests);
      const kinds = new Set(messages.map((m) => (m as { method?: string }).method ?? 'response'));
      expect(kinds).toContain(mode === 'push' ? 'textDocument/publishDiagnostics' : 'response');
      expect(kinds).toContain('composure/status');
      // Not vacuous: features answered with content, the topology page was drawn.
      const results = messages
        .map((m) => (m as { result?: unknown }).result)
        .filter((r) => r !== undefined && r !== null && !(Array.isArray(r) && r.length === 0));
      const has = (pattern: RegExp) => results.some((r) => pattern.test(JSON.stringify(r)));
      expect(has(/"kind":"markdown"/)).toBe(true); // hovers
      expect(has(/Disable no-secrets-in-environment/)).toBe(true); // code actions on the planted lines
      expect(has(/"html":"<!DOCTYPE html>/i)).toBe(true); // the topology page
      expect(has(/reaches \d/)).toBe(true); // code lenses
      if (process.env.LSP_SECRETS_DEBUG) console.log(messages.filter((m) => PLANTED.test(JSON.stringify(m))).map((m) => JSON.stringify(m).slice(0, 600)));
      const leaks = messages.map((m) => JSON.stringify(withoutEditTexts(m))).filter((m) => PLANTED.test(m));
      expect(leaks.map((m) => m.slice(Math.max(0, m.search(PLANTED) - 300), m.search(PLANTED) + 100))).toEqual([]);
      expect(c.stderr).not.toMatch(PLANTED);
      console.log(`lsp-secrets (${mode}): ${requests} requests, ${messages.length} messages scanned (${[...kinds].sort().join(', ')})`);
    }, 120_000);
  }
});
