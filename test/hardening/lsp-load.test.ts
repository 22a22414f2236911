/**
 * The BUILT language server under load (`npm run build` first): a 500-service compose file gets
 * 10,000 incremental edits, one about every millisecond, in bursts of 500 with a pause after each
 * (so that the 150 ms debounce fires and the whole project is analysed again 20 times while
 * edits keep coming); meanwhile the override file and a second project are opened, edited and
 * closed, and the workspace's .env is rewritten on disk four times (with
 * workspace/didChangeWatchedFiles, as a watching client sends). Real typing (one key every
 * 50 ms or more) would take over 8 minutes for 10,000 keys; bursts at ~1 ms are the harder
 * case: edits pile up in the server's queue while analyses of 500 services run, and every edit
 * must still be applied in order.
 *
 * Then: the server is alive, logged no error and wrote nothing to stderr (an unhandled rejection
 * would be printed there and would end the process); the heap after a forced gc is at most 1.5×
 * what it was before the edits (or before + 50 MB) — the server runs with --expose-gc and a
 * preloaded probe (test/support/heap-probe.cjs) that writes process.memoryUsage() on SIGUSR2, so
 * the server has no test-only request; and the final diagnostics of both projects equal
 * `composure lint --format json` of the final texts.
 */
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { assertServerBuilt, LspClient, uriOf } from '../support/lsp-client.js';
import { ROOT, runCli } from '../support/run-cli.js';
import { tempDirForFile } from '../support/temp-dir.js';

const SERVICES = 500;
const EDITS = 10_000;
const BURST = 500;
const PAUSE_MS = 250;
const PROBE = join(ROOT, 'test/support/heap-probe.cjs');

/** Lines per service in the generated file; service k starts at line 1 + k * PER_SERVICE. */
const PER_SERVICE = 9;
function bigCompose(): string {
  const lines = ['services:'];
  for (let k = 0; k < SERVICES; k++) {
    lines.push(
      `  svc-${k}:`,
      `    image: example/app-${k % 7}:1.0`,
      '    # note',
      '    environment:',
      `      LEVEL: \${LEVEL}`,
      `      TAG: \${TAG:-none}`,
      `    networks: [net-${k % 10}${k % 3 === 0 ? ', shared' : ''}]`,
      `    depends_on: [svc-${(k + 1) % SERVICES}]`,
      `    ports: ["127.0.0.1:${10_000 + k}:80"]`,
    );
  }
  // Tagged only through the .env (rewritten during the test): proves the rewrite was read.
  lines.push('  extra:', '    image: example/extra${TAG_SUFFIX}', '    networks: [shared]');
  lines.push('networks:', ...Array.from({ length: 10 }, (_, i) => `  net-${i}:`), '  shared:', '    internal: true', '');
  return lines.join('\n');
}
const OVERRIDE = 'services:\n  svc-0:\n    environment:\n      EXTRA: "1"\n';
const SECOND = 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n  db:\n    image: postgres:16\n';

type Row = { ruleId: string; line: number; column: number; endLine: number; endColumn: number };
const order = (a: Row, b: Row) =>
  a.line - b.line || a.column - b.column || a.endLine - b.endLine || a.endColumn - b.endColumn || a.ruleId.localeCompare(b.ruleId);
const rows = (diagnostics: Diagnostic[]): Row[] =>
  diagnostics
    .map((d) => ({
      ruleId: String(d.code),
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
    }))
    .sort(order);
async function cliRows(dir: string, file: string): Promise<Row[]> {
  const result = await runCli(['lint', '--format', 'json'], { cwd: dir });
  const reports = JSON.parse(result.stdout) as { filePath: string; messages: Row[] }[];
  const report = reports.find((r) => r.filePath === file);
  return (report?.messages ?? []).map((m) => ({ ruleId: m.ruleId, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn })).sort(order);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const tmp = tempDirForFile('composure-lsp-load-', assertServerBuilt);

describe('language server under load (the built server over stdio)', () => {
  it(`${EDITS.toLocaleString('en')} edits on a ${SERVICES}-service file, files opened and closed, .env rewritten: no error, flat heap, right diagnostics`, async () => {
    const dir = join(tmp(), 'big');
    const second = join(tmp(), 'second');
    mkdirSync(dir);
    mkdirSync(second);
    const base = join(dir, 'compose.yaml');
    const override = join(dir, 'compose.override.yaml');
    const env = join(dir, '.env');
    const other = join(second, 'compose.yaml');
    const initial = bigCompose();
    writeFileSync(base, initial);
    writeFileSync(override, OVERRIDE);
    writeFileSync(env, 'LEVEL=info\nTAG=1\nTAG_SUFFIX=\n');
    writeFileSync(other, SECOND);
    const probe = join(tmp(), 'heap.json');

    const c = new LspClient({ rootPath: dir, nodeArgs: ['--expose-gc', '--require', PROBE], env: { HEAP_PROBE_FILE: probe } });
    const shown: string[] = [];
    c.connection.onNotification('window/showMessage', (p: { message: string }) => void shown.push(p.message));
    c.connection.onNotification('telemetry/event', (p: unknown) => void shown.push(JSON.stringify(p)));
    const heap = async (): Promise<number> => {
      if (existsSync(probe)) unlinkSync(probe);
      c.child.kill('SIGUSR2');
      for (let i = 0; i < 200 && !existsSync(probe); i++) await sleep(25);
      await sleep(25);
      return (JSON.parse(readFileSync(probe, 'utf8')) as { heapUsed: number }).heapUsed;
    };
    try {
      await c.initialize({ rootPath: dir, capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
      let model = TextDocument.create(uriOf(base), 'yaml', 1, initial);
      const first = c.nextDiagnostics(uriOf(base), 1, 30_000);
      c.open(base, initial, 1);
      // Before the .env is rewritten, `extra` has no tag.
      expect((await first).filter((d) => d.code === 'require-image-tag').map((d) => d.range.start.line)).toEqual([1 + SERVICES * PER_SERVICE + 1]);
      // A first burst warms the server up (JIT, caches) before the heap is measured.
      const change = (text: string, line: number, character: number, length = 0) => {
        const edit: TextDocumentContentChangeEvent = { range: { start: { line, character }, end: { line, character: character + length } }, text };
        model = TextDocument.update(model, [edit], model.version + 1);
        c.change(base, model.version, [edit]);
      };
      const lineText = (line: number) => model.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\n$/, '');
      const warm = c.nextDiagnostics(uriOf(base), model.version + 20, 30_000);
      for (let i = 0; i < 20; i++) change('w', 3, lineText(3).length);
      await warm;
      const heapBefore = await heap();

      const started = performance.now();
      let overrideVersion = 1;
      let otherVersion = 1;
      let otherOpen = false;
      let envRewrites = 0;
      for (let i = 0; i < EDITS; i++) {
        // Service k gets 20 keys: 16 typed into its comment, then 4 backspaces (over its image tag
        // for even k, so require-image-tag appears there; over the typed text for odd k).
        const k = Math.floor(i / 20) % SERVICES;
        const key = i % 20;
        const start = 1 + k * PER_SERVICE;
        if (key < 16) {
          const line = start + 2;
          change('typing-at-speed '[key], line, lineText(line).length);
        } else {
          const line = k % 2 === 0 ? start + 1 : start + 2;
          change('', line, lineText(line).length - 1, 1);
        }

        if (i === 1_000) c.open(override, OVERRIDE, overrideVersion);
        if (i > 1_000 && i < 5_000 && i % 400 === 0)
          c.change(override, ++overrideVersion, [{ range: { start: { line: 3, character: 16 }, end: { line: 3, character: 16 } }, text: 'x' }]);
        if (i === 5_000) c.close(override);
        if (i === 3_000 || i === 8_000) {
          c.open(other, SECOND, ++otherVersion);
          otherOpen = true;
        }
        if (otherOpen && i % 250 === 0)
          c.change(other, ++otherVersion, [{ range: { start: { line: 2, character: 16 }, end: { line: 2, character: 16 } }, text: i % 500 === 0 ? ':1' : '' }]);
        if (i === 7_000) {
          c.close(other);
          otherOpen = false;
        }
        if (i % 2_500 === 1_250) {
          envRewrites++;
          writeFileSync(env, `LEVEL=level-${envRewrites}\nTAG=${envRewrites}\nTAG_SUFFIX=:${envRewrites}\n`);
          void c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(env), type: 2 }] });
        }

        if ((i + 1) % BURST === 0) await sleep(PAUSE_MS);
        else await sleep(1);
      }
      const sent = performance.now() - started;

      // The final state: the second project open with its last text, the override closed (the disk's).
      // An empty edit after the last one: the big file's diagnostics of that version wait for everything sent.
      change('', 0, 0);
      const published = (uri: string, version: number) =>
        c.until(() => c.published.findLast((p) => p.uri === uri && p.version === version)?.diagnostics, 60_000, `diagnostics of ${uri} version ${version}`);
      const [baseDiagnostics, otherDiagnostics] = await Promise.all([published(uriOf(base), model.version), published(uriOf(other), otherVersion)]);
      const duration = performance.now() - started;
      const heapAfter = await heap();

      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      console.log(
        `lsp-load: ${EDITS} edits sent in ${(sent / 1000).toFixed(1)} s, final diagnostics after ${(duration / 1000).toFixed(1)} s; heap used after gc: before ${mb(heapBefore)}, after ${mb(heapAfter)}; ${baseDiagnostics.length} diagnostics in the big file; ${c.published.length} publications`,
      );

      expect(c.exited).toBeUndefined();
      expect(c.stderr).toBe('');
      expect(c.logs.filter((l) => /error|failed|unhandled|exception/i.test(l))).toEqual([]);
      expect(shown).toEqual([]);
      expect(heapAfter).toBeLessThanOrEqual(Math.max(heapBefore * 1.5, heapBefore + 50 * 1024 * 1024));

      // The command line on the final texts (the open buffers written to disk; the override's unsaved edits were closed away).
      writeFileSync(base, model.getText());
      expect(rows(baseDiagnostics)).toEqual(await cliRows(dir, base));
      // The second project's buffer: its edits since it was opened again, replayed on its text.
      let otherModel = TextDocument.create(uriOf(other), 'yaml', 0, SECOND);
      for (let i = 8_000; i < EDITS; i++) {
        if (i % 250 === 0)
          otherModel = TextDocument.update(
            otherModel,
            [{ range: { start: { line: 2, character: 16 }, end: { line: 2, character: 16 } }, text: i % 500 === 0 ? ':1' : '' }],
            otherModel.version + 1,
          );
      }
      writeFileSync(other, otherModel.getText());
      expect(rows(otherDiagnostics)).toEqual(await cliRows(second, other));
      // Half the services lost their tag; `extra` got one from the rewritten .env.
      expect(baseDiagnostics.filter((d) => d.code === 'require-image-tag')).toHaveLength(SERVICES / 2);
      expect(duration).toBeLessThan(100_000);
    } finally {
      await c.stop();
    }
  }, 180_000);
});
