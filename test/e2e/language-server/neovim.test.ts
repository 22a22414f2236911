/**
 * End to end with an editor client no one here wrote: Neovim (Debian's package, 0.7+) in
 * `nvim --headless` opens a compose file, starts the BUILT language server with
 * vim.lsp.start_client (test/fixtures/lsp/neovim-diagnostics.lua), and writes the diagnostics
 * Neovim stored as JSON; they must be exactly what `composure lint --format json` reports for
 * that file (rule id, line, column, end, severity, message). The project has an override
 * file and a .env, so the server's merge and interpolation are the CLI's.
 *
 * Then the Neovim 0.7 setup of docs/editors.md, taken from the page as written, with
 * `composure-language-server` on PATH (a shim starting the built server, counting its starts):
 * a quick fix and a rename applied through Neovim (test/fixtures/lsp/neovim-edits.lua) leave the
 * files as expected, and reopening the buffers and opening the override file start no second server.
 *
 * Skipped, saying so, when `nvim` is not installed (`apt-get install -y neovim`); .ci/run installs it and fails without it.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, FIXTURES, parseReport, runCli } from '../../support/run-cli.js';
import { assertServerBuilt, onlyRulesConfig, SERVER } from '../../support/lsp-client.js';
import { ROOT } from '../../support/run-cli.js';
import { systemTool } from '../../support/system-tool.js';

const nvim = systemTool('nvim', 'neovim.test.ts', 'apt-get install -y neovim');
const hasNvim = nvim !== undefined;

const PROJECT = join(FIXTURES, 'lsp/neovim');
const SCRIPT = join(FIXTURES, 'lsp/neovim-diagnostics.lua');
/** vim.diagnostic.severity: ERROR 1, WARN 2, INFO 3, HINT 4. */
const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3 };

interface NeovimDiagnostic {
  code: string;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  source: string;
  message: string;
}

let tmp: string;
beforeAll(() => {
  assertBuilt();
  assertServerBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'composure-nvim-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Opens a file in headless Neovim with the server attached; what Neovim stored. */
function neovimDiagnostics(file: string, out: string): Promise<{ received: boolean; diagnostics: NeovimDiagnostic[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${SCRIPT}`, file], {
      cwd: PROJECT,
      // A clean environment (no COMPOSE_* or user configuration), as the CLI gets.
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: tmp,
        XDG_CONFIG_HOME: tmp,
        XDG_DATA_HOME: tmp,
        XDG_STATE_HOME: tmp,
        COMPOSURE_OUT: out,
        COMPOSURE_SERVER: SERVER,
        COMPOSURE_NODE: process.execPath,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(readFileSync(out, 'utf8')));
      } catch (error) {
        reject(new Error(`nvim exited with ${code} without writing ${out}: ${stderr} ${String(error)}`));
      }
    });
  });
}

describe.skipIf(!hasNvim)(`Neovim (${nvim ?? 'not installed'}) with the language server`, () => {
  for (const name of ['compose.yaml', 'compose.override.yaml']) {
    it(`the diagnostics Neovim shows for ${name} are composure lint's, exactly`, async () => {
      const file = join(PROJECT, name);
      const [editor, cli] = await Promise.all([
        neovimDiagnostics(file, join(tmp, `${name}.json`)),
        runCli(['lint', '--format', 'json', PROJECT], { cwd: PROJECT }),
      ]);
      expect(editor.received).toBe(true);
      const expected = parseReport(cli.stdout).find((r) => r.filePath === file)!.messages;
      expect(expected.length).toBeGreaterThan(0);
      const shown = editor.diagnostics
        .map((d) => ({
          ruleId: d.code,
          line: d.lnum + 1,
          column: d.col + 1,
          endLine: d.end_lnum + 1,
          endColumn: d.end_col + 1,
          severity: d.severity,
          message: d.message,
          source: d.source,
        }))
        .sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
      expect(shown).toEqual(
        expected
          .map((m) => ({
            ruleId: m.ruleId,
            line: m.line,
            column: m.column,
            endLine: m.endLine,
            endColumn: m.endColumn,
            severity: SEVERITY[m.severity],
            message: m.message,
            source: 'composure',
          }))
          .sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId)),
      );
    });
  }
});

/** The Lua of the Neovim 0.7 setup in docs/editors.md, as the page shows it. */
function documentedSetup(): string {
  const page = readFileSync(join(ROOT, 'docs/editors.md'), 'utf8');
  const block = /<!-- neovim-0\.7-setup:start -->\n```lua\n([\s\S]*?)```\n<!-- neovim-0\.7-setup:end -->/.exec(page);
  if (!block) throw new Error('docs/editors.md has no neovim-0.7-setup block');
  return block[1];
}

const EDITED = {
  'compose.yaml': [
    'services:',
    '  web:',
    '    image: nginx:1.27',
    '    networks: [frontt]',
    '    depends_on: [api]',
    '  api:',
    '    image: example/api:1.0',
    '    networks: [front]',
    'networks:',
    '  front:',
    '',
  ],
  'compose.override.yaml': ['services:', '  api:', '    environment:', '      LOG_LEVEL: debug', ''],
};

/** Runs the documented setup and neovim-edits.lua on a fresh project; what the script wrote, the files after, and how many servers started. */
function neovimEdits(): Promise<{ report: Record<string, unknown>; files: Record<string, string>; starts: number; dir: string }> {
  const dir = join(tmp, 'edits');
  const bin = join(tmp, 'bin');
  mkdirSync(dir, { recursive: true });
  mkdirSync(bin, { recursive: true });
  for (const [name, lines] of Object.entries(EDITED)) writeFileSync(join(dir, name), lines.join('\n'));
  writeFileSync(join(dir, '.composure.yaml'), onlyRulesConfig('no-undefined-network', 'no-undefined-service'));
  const starts = join(tmp, 'starts.log');
  const shim = join(bin, 'composure-language-server');
  writeFileSync(shim, `#!/bin/sh\necho started >> '${starts}'\nexec '${process.execPath}' '${SERVER}' "$@"\n`);
  chmodSync(shim, 0o755);
  const setup = join(tmp, 'setup.lua');
  writeFileSync(setup, documentedSetup());
  const out = join(tmp, 'edits.json');
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${setup}`, '-c', `luafile ${join(FIXTURES, 'lsp/neovim-edits.lua')}`], {
      cwd: dir,
      env: {
        PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        HOME: tmp,
        XDG_CONFIG_HOME: tmp,
        XDG_DATA_HOME: tmp,
        XDG_STATE_HOME: tmp,
        COMPOSURE_OUT: out,
        COMPOSURE_PROJECT: dir,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        const report = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
        const files = Object.fromEntries(Object.keys(EDITED).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
        resolve({ report, files, starts: readFileSync(starts, 'utf8').split('\n').filter(Boolean).length, dir });
      } catch (error) {
        reject(new Error(`nvim exited with ${code} without writing ${out}: ${stderr} ${String(error)}`));
      }
    });
  });
}

describe.skipIf(!hasNvim)(`Neovim (${nvim ?? 'not installed'}) with the setup of docs/editors.md`, () => {
  it('a quick fix and a rename applied through Neovim leave the files as expected; reopening buffers starts no second server', async () => {
    const { report, files, starts, dir } = await neovimEdits();
    expect(report.error).toBeUndefined();
    expect(report.received).toBe(true);
    expect(report.titles).toContain('Change "frontt" to "front"');
    expect(report.renameError).toBeUndefined();
    expect(files).toEqual({
      'compose.yaml': EDITED['compose.yaml'].join('\n').replace('[frontt]', '[front]').replace('[api]', '[backend]').replace('  api:', '  backend:'),
      'compose.override.yaml': EDITED['compose.override.yaml'].join('\n').replace('  api:', '  backend:'),
    });
    // One server for the directory, however often its buffers are opened again; the override file attached to it.
    expect([report.clients, report.overrideAttached, starts]).toEqual([1, 1, 1]);
    const cli = await runCli(['lint', '--format', 'json', dir], { cwd: dir });
    expect(parseReport(cli.stdout).flatMap((r) => r.messages)).toEqual([]);
  });
});
