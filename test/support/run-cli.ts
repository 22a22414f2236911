/**
 * Runs the BUILT command line (packages/cli/dist/composure.js) as a user would:
 * a child process with pipes (so not a TTY), a clean environment (PATH plus what a
 * test gives; NO_COLOR, FORCE_COLOR, COMPOSE_* and COMPOSURE_* of the host never
 * leak in), stdout read fully however large it is.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'packages/cli/dist/composure.js');
export const FIXTURES = join(ROOT, 'test/fixtures');

export interface RunOptions {
  cwd?: string;
  /** Added to `{ PATH }`; nothing else from the host environment reaches the CLI. */
  env?: Record<string, string>;
  /** Written to standard input; without it standard input is closed at once. */
  input?: string | Buffer;
  /** Kill the CLI after this long (the result then has `timedOut`); default 60 s. */
  timeoutMs?: number;
  /** Arguments for node itself, before the script. */
  nodeArgs?: string[];
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock time of the child process, in milliseconds. */
  ms: number;
  timedOut: boolean;
}

export function runCli(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    // Never leave a hung CLI behind: killed after timeoutMs (default 60 s).
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: Math.round(performance.now() - started),
        timedOut,
      });
    });
    // EPIPE when the CLI exits without reading its input is not the test's concern.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** No stack trace reached the user: no "    at …" frame lines, no Node.js crash banner. */
export function expectNoStackTrace(result: RunResult): void {
  const text = `${result.stdout}\n${result.stderr}`;
  const frames = text.split('\n').filter((line) => /^\s{4}at /.test(line));
  if (frames.length > 0 || /^Node\.js v\d+/m.test(text) || /internal error/.test(text)) {
    throw new Error(`a stack trace or internal error reached the user:\n${result.stderr}`);
  }
}

/** Fails early, with one clear message, when the CLI has not been built. */
export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} does not exist: run \`npm run build\` before the end-to-end tests`);
}

let ruleIds: string[] | undefined;

/** Every rule id the built CLI ships (`composure rules --format json`). */
export function allRuleIds(): string[] {
  if (!ruleIds) {
    const result = spawnSync(process.execPath, [CLI, 'rules', '--format', 'json'], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`composure rules --format json failed: ${result.stderr}`);
    ruleIds = (JSON.parse(result.stdout) as { id: string }[]).map((r) => r.id);
  }
  return ruleIds;
}

/**
 * `--rule X=off` for every rule except the ones a test is about. Rules are being
 * added all the time; tests that assert exact output name the rules they exercise,
 * so a new rule firing on a fixture does not break them. Loader findings
 * (yaml-syntax, compose-schema, interpolation, compose-load) always stay on.
 */
export function onlyRules(...keep: string[]): string[] {
  const always = new Set(['yaml-syntax', 'compose-schema', 'interpolation', 'compose-load', ...keep]);
  return allRuleIds()
    .filter((id) => !always.has(id))
    .flatMap((id) => ['--rule', `${id}=off`]);
}

export interface JsonMessage {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonFileReport {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

/** Parses `lint --format json` output, failing with the raw text when it is not JSON. */
export function parseReport(stdout: string): JsonFileReport[] {
  try {
    return JSON.parse(stdout) as JsonFileReport[];
  } catch {
    throw new Error(`stdout is not JSON:\n${stdout.slice(0, 2000)}`);
  }
}

/**
 * The JSON report of a run on hostile input, every finding checked: no rule crashed (a crash
 * becomes an "Internal error" finding), a position inside the file, an end not before the start.
 */
export function parseCheckedReport(stdout: string): JsonFileReport[] {
  const report = parseReport(stdout);
  for (const file of report) {
    for (const m of file.messages) {
      expect(m.message, `${m.ruleId} crashed`).not.toMatch(/^Internal error/);
      expect(m.line).toBeGreaterThanOrEqual(1);
      expect(m.column).toBeGreaterThanOrEqual(1);
      expect(m.endLine > m.line || (m.endLine === m.line && m.endColumn >= m.column), `${m.ruleId} ends before it starts`).toBe(true);
    }
  }
  return report;
}

/** A message without its text, for assertions on positions. */
export const where = (m: JsonMessage) => ({
  ruleId: m.ruleId,
  severity: m.severity,
  line: m.line,
  column: m.column,
  endLine: m.endLine,
  endColumn: m.endColumn,
});
