/**
 * End to end with an editor client no one here wrote: Neovim (Debian's package, 0.7+) in
 * `nvim --headless` opens a compose file, starts the BUILT language server with
 * vim.lsp.start_client (test/fixtures/lsp/neovim-diagnostics.lua), and writes the diagnostics
 * Neovim stored as JSON; they must be exactly what `composure lint --format json` reports for
 * that file (rule id, line, column, end, severity, message). The project has an override
 * file and a .env, so the server's merge and interpolation are the CLI's.
 *
 * Skipped, saying so, when `nvim` is not installed (`apt-get install -y neovim`); .ci/run installs it and fails without it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, FIXTURES, parseReport, runCli } from '../../support/run-cli.js';
import { assertServerBuilt, SERVER } from '../../support/lsp-client.js';
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
