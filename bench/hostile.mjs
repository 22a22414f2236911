#!/usr/bin/env node
/**
 * Hostile inputs with bounds of time and memory (issue 7, part 2): the cases, the
 * way each is measured, and a table of the figures.
 *
 *   npm run build
 *   node bench/hostile.mjs              # every case once, a markdown table
 *   node bench/hostile.mjs --runs 3     # the slowest of 3 runs of each case
 *   node bench/hostile.mjs --only f-5000
 *
 * test/hardening/hostile-input.test.ts imports CASES and measure() from here and asserts the
 * bounds (and each case's finding and exit code).
 *
 * Each case is one run of the BUILT command line as a user would start it, with a
 * cap on the V8 heap: `node --max-old-space-size=HEAP composure.js …`. Going past
 * the cap ends the process by an out-of-memory crash, which fails the test. The
 * peak resident set size is recorded by a preloaded probe (test/support/rss-probe.cjs:
 * `process.resourceUsage().maxRSS` written to a file at exit) — Node only, any Linux,
 * no /usr/bin/time needed. Time is the wall-clock time of the whole process.
 *
 * Bounds: time ≥ 3× the time measured on the reference machine (2 cores, Node 20,
 * idle), so that a loaded 2-core CI machine passes; heap cap about 2× the peak RSS
 * measured (RSS includes ~60 MB of Node itself and code, the cap only the old
 * generation); the RSS bound a little above the cap.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = join(ROOT, 'packages/cli/dist/composure.js');
export const PROBE = join(ROOT, 'test/support/rss-probe.cjs');

/** Writes files (name → text or bytes) into `dir`. */
function write(dir, files) {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
}

const WEB = 'services:\n  web:\n    image: nginx:1.27\n';

/** A setup that writes one compose.yaml (the text or bytes `make` returns) and lints it. */
function lintOne(make) {
  return (dir) => {
    write(dir, { 'compose.yaml': make() });
    return ['lint', '-f', 'compose.yaml', '--format', 'json'];
  };
}

/** `${V0:-${V1:-…${V<n-1>:-x}…}}`: a valid value nested n deep. */
export function nestedDefaults(n) {
  return `${Array.from({ length: n }, (_, i) => `\${V${i}:-`).join('')}x${'}'.repeat(n)}`;
}

/**
 * The cases. `setup(dir)` writes the input into an empty directory and returns the
 * arguments of the command (run in `dir`). Measured: `ms` and `rssMb` on the
 * reference machine (the slowest of 3 runs, `node bench/hostile.mjs --runs 3`).
 * Bounds: `timeMs`, `heapMb` (the --max-old-space-size cap), `rssMb` bound.
 */
export const CASES = [
  {
    id: 'lines-100k',
    title: '100,000-line file (20,000 services, 1.5 MB), a syntax error on the last line',
    setup: lintOne(() => {
      const lines = ['# 100,000 lines', 'services:'];
      for (let i = 0; lines.length < 99_997; i++) lines.push(`  s${i}:`, `    image: "app:${i}"`, '    environment:', '      A: "1"', '      B: "2"');
      lines.push('  last:', '    image: "app:1"', '    user: @root');
      return `${lines.join('\n')}\n`;
    }),
    measured: { ms: 4155, rssMb: 295 },
    bounds: { timeMs: 30_000, heapMb: 800, rssMb: 1000 },
  },
  {
    id: 'nested-1000',
    title: '`${V0:-${V1:-…}}` nested 1,000 deep in an environment value',
    setup: lintOne(() => `${WEB}    environment:\n      DEEP: "${nestedDefaults(1000)}"\n`),
    measured: { ms: 341, rssMb: 60 },
    bounds: { timeMs: 10_000, heapMb: 100, rssMb: 250 },
  },
  {
    id: 'nested-1000-config',
    title: 'the same, `config --format json` (V500 set: the value resolves to it)',
    setup(dir) {
      write(dir, { 'compose.yaml': `${WEB}    environment:\n      DEEP: "${nestedDefaults(1000)}"\n`, '.env': 'V500=five-hundred\n' });
      return ['config', '-f', 'compose.yaml', '--format', 'json'];
    },
    measured: { ms: 285, rssMb: 58 },
    bounds: { timeMs: 10_000, heapMb: 100, rssMb: 250 },
  },
  {
    id: 'nested-20000',
    title: '`${V0:-…}` nested 20,000 deep (0.2 MB value): past what composure evaluates',
    setup: lintOne(() => `${WEB}    environment:\n      DEEP: "${nestedDefaults(20_000)}"\n`),
    measured: { ms: 1854, rssMb: 70 },
    bounds: { timeMs: 15_000, heapMb: 100, rssMb: 250 },
  },
  {
    id: 'unbalanced-1000',
    title: '`${${${…` unbalanced, 1,000 deep',
    setup: lintOne(() => `${WEB}    environment:\n      DEEP: "${'${'.repeat(1000)}"\n`),
    measured: { ms: 251, rssMb: 54 },
    bounds: { timeMs: 10_000, heapMb: 100, rssMb: 250 },
  },
  {
    id: 'f-5000',
    title: '5,000 `-f` overrides, each adding one variable to one service; the last one drops the image tag',
    setup(dir) {
      const files = { 'compose.yaml': WEB };
      for (let i = 0; i < 5000; i++)
        files[`o${i}.yaml`] = `services:\n  web:\n    environment:\n      VAR_${i}: "v${i}"\n${i === 4999 ? '    image: nginx\n' : ''}`;
      write(dir, files);
      return ['lint', '-f', 'compose.yaml', ...Array.from({ length: 5000 }, (_, i) => ['-f', `o${i}.yaml`]).flat(), '--format', 'json'];
    },
    measured: { ms: 1369, rssMb: 138 },
    bounds: { timeMs: 15_000, heapMb: 300, rssMb: 450 },
  },
  {
    id: 'f-5000-config',
    title: 'the same 5,000 files, `config --format json` (all 5,000 variables merged)',
    setup(dir) {
      const args = CASES.find((c) => c.id === 'f-5000').setup(dir);
      return ['config', ...args.slice(1, -2), '--format', 'json'];
    },
    measured: { ms: 1290, rssMb: 136 },
    bounds: { timeMs: 15_000, heapMb: 300, rssMb: 450 },
  },
  {
    id: 'duplicates-10000',
    title: 'one key repeated 10,000 times in a service (10,000 duplicate keys)',
    setup: lintOne(() => `services:\n  web:\n${Array.from({ length: 10_000 }, (_, i) => `    image: "nginx:1.${i}"\n`).join('')}`),
    measured: { ms: 730, rssMb: 109 },
    bounds: { timeMs: 10_000, heapMb: 250, rssMb: 400 },
  },
  {
    id: 'bom-crlf-tabs',
    title: 'a byte order mark, CRLF line endings and 10,000 lines indented with tabs',
    setup: lintOne(() => {
      const tabbed = Array.from({ length: 10_000 }, (_, i) => `\t\tVAR_${i}: "v"\r\n`).join('');
      return `\uFEFFservices:\r\n  web:\r\n    image: nginx:1.27\r\n    environment:\r\n${tabbed}`;
    }),
    measured: { ms: 1049, rssMb: 130 },
    bounds: { timeMs: 10_000, heapMb: 300, rssMb: 450 },
  },
  {
    id: 'invalid-utf8-late',
    title: 'invalid UTF-8 (a Latin-1 byte) on the last of 10,000 lines',
    setup: lintOne(() => {
      const lines = ['services:'];
      for (let i = 0; i < 5000; i++) lines.push(`  s${i}:`, `    image: "app:${i}"`);
      const text = Buffer.concat([Buffer.from(`${lines.join('\n')}\n  last:\n    image: "caf`), Buffer.from([0xe9]), Buffer.from('"\n')]);
      return text;
    }),
    measured: { ms: 281, rssMb: 58 },
    bounds: { timeMs: 10_000, heapMb: 100, rssMb: 250 },
  },
  // The cases of test/hardening/bad-input.test.ts (which asserts their exact findings), with a memory bound here; the 10 MB file is only here.
  {
    id: 'alias-bomb',
    title: 'billion-laughs alias bomb (10 levels of 10 aliases)',
    setup: lintOne(() => {
      let text = 'x-a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
      for (let i = 1; i < 10; i++)
        text += `x-a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(',')}]\n`;
      return `${text}${WEB}    command: *a9\n`;
    }),
    measured: { ms: 1096, rssMb: 118 },
    bounds: { timeMs: 15_000, heapMb: 300, rssMb: 450 },
  },
  {
    id: 'ten-mb',
    title: '10 MB file (1,480 services with 100 variables each)',
    setup: lintOne(() => {
      const parts = ['services:\n'];
      let size = parts[0].length;
      for (let i = 0; size < 10 * 1024 * 1024; i++) {
        let service = `  svc${i}:\n    image: "registry.example.com/team/app${i}:1.0.${i}"\n    environment:\n`;
        for (let k = 0; k < 100; k++) service += `      VAR_${k}: "value-${i}-${k}-${'x'.repeat(40)}"\n`;
        parts.push(service);
        size += service.length;
      }
      return parts.join('');
    }),
    measured: { ms: 5172, rssMb: 562 },
    bounds: { timeMs: 40_000, heapMb: 1200, rssMb: 1500 },
  },
  {
    id: 'deep-flow',
    title: 'flow sequences nested 20,000 deep',
    setup: lintOne(() => `${WEB}x-deep: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`),
    measured: { ms: 625, rssMb: 111 },
    bounds: { timeMs: 10_000, heapMb: 100, rssMb: 250 },
  },
  {
    id: 'wide-20000',
    title: 'a mapping of 20,000 keys (20,000 services)',
    setup: lintOne(() => `services:\n${Array.from({ length: 20_000 }, (_, i) => `  s${i}:\n    image: "app:1"\n`).join('')}`),
    measured: { ms: 2730, rssMb: 242 },
    bounds: { timeMs: 20_000, heapMb: 600, rssMb: 800 },
  },
  {
    id: 'long-line',
    title: 'a 1 MB line, a syntax error after it',
    setup: lintOne(() => `${WEB}    command: ["sh", "-c", "${'echo hi; '.repeat(116_509)}"]\n    user: @root\n`),
    measured: { ms: 694, rssMb: 116 },
    bounds: { timeMs: 10_000, heapMb: 150, rssMb: 300 },
  },
  {
    id: 'extends-ring-200',
    title: 'an `extends` cycle through 200 files',
    setup(dir) {
      const files = {};
      for (let i = 0; i < 200; i++) files[`f${i}.yaml`] = `services:\n  s:\n    image: "app:1"\n    extends: { file: f${(i + 1) % 200}.yaml, service: s }\n`;
      write(dir, files);
      return ['lint', '-f', 'f0.yaml', '--format', 'json'];
    },
    measured: { ms: 451, rssMb: 72 },
    bounds: { timeMs: 10_000, heapMb: 100, rssMb: 250 },
  },
  {
    id: 'include-ring-200',
    title: 'an `include` cycle through 200 files',
    setup(dir) {
      const files = {};
      for (let i = 0; i < 200; i++) files[`f${i}.yaml`] = `include: [f${(i + 1) % 200}.yaml]\nservices:\n  s${i}:\n    image: "app:1"\n`;
      write(dir, files);
      return ['lint', '-f', 'f0.yaml', '--format', 'json'];
    },
    measured: { ms: 498, rssMb: 81 },
    bounds: { timeMs: 10_000, heapMb: 100, rssMb: 250 },
  },
  {
    id: 'binary',
    title: '4 KB of binary garbage',
    setup: lintOne(() => {
      let x = 12345;
      const bytes = new Uint8Array(4096).map(() => ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
      return bytes;
    }),
    measured: { ms: 241, rssMb: 52 },
    bounds: { timeMs: 10_000, heapMb: 100, rssMb: 250 },
  },
];

/**
 * Runs one case's command in `dir` under its heap cap: exit code, signal, output,
 * wall-clock ms and peak RSS in MB (undefined when the process died before exiting
 * normally, e.g. out of memory).
 */
export function measure(testCase, dir, options = {}) {
  const args = testCase.setup(dir);
  const rssFile = join(dir, '.rss-probe');
  rmSync(rssFile, { force: true });
  const heapMb = options.heapMb ?? testCase.bounds.heapMb;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, '--require', PROBE, CLI, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', RSS_PROBE_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGKILL');
      },
      options.killAfterMs ?? 3 * testCase.bounds.timeMs,
    );
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Math.round(performance.now() - started);
      let rssMb;
      try {
        rssMb = Math.round(JSON.parse(readFileSync(rssFile, 'utf8')).maxRSS / 1024);
      } catch {
        rssMb = undefined;
      }
      resolve({ code, signal, timedOut, ms, rssMb, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** The first finding's "ruleId line:column message" and the exit code: what the table shows a case ends with. */
export function outcome(result) {
  if (result.signal || result.timedOut) return `killed (${result.signal ?? 'timeout'})`;
  try {
    const report = JSON.parse(result.stdout);
    if (!Array.isArray(report)) return `exit ${result.code}, ${result.stdout.length.toLocaleString('en')} bytes of JSON`;
    const loader = new Set(['yaml-syntax', 'compose-schema', 'interpolation', 'compose-load']);
    const messages = report.flatMap((f) => f.messages.map((m) => ({ ...m, file: f.filePath.split('/').pop() })));
    const first = messages.find((m) => loader.has(m.ruleId)) ?? messages.find((m) => m.severity !== 'info');
    return `exit ${result.code}${first ? `: ${first.ruleId} at ${first.file}:${first.line}:${first.column}` : ', no loader finding'}`;
  } catch {
    return `exit ${result.code}: ${result.stderr.trim().split('\n')[0]}`;
  }
}

async function main() {
  const argv = process.argv.slice(2);
  const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 1;
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : undefined;
  const tmp = mkdtempSync(join(tmpdir(), 'composure-hostile-'));
  const rows = [];
  try {
    for (const testCase of CASES.filter((c) => !only || only.includes(c.id))) {
      let worst;
      for (let r = 0; r < runs; r++) {
        const dir = join(tmp, `${testCase.id}-${r}`);
        const result = await measure(testCase, dir);
        rmSync(dir, { recursive: true, force: true });
        if (!worst || result.ms > worst.ms) worst = { ...result, rssMb: Math.max(result.rssMb ?? Infinity, worst?.rssMb ?? 0) };
      }
      const { timeMs, heapMb, rssMb } = testCase.bounds;
      rows.push(
        `| ${testCase.title} | ${(worst.ms / 1000).toFixed(2)} s | ${worst.rssMb ?? '—'} MB | ${timeMs / 1000} s | ${heapMb} MB | ${rssMb} MB | ${outcome(worst)} |`,
      );
      process.stderr.write(`${testCase.id}: ${worst.ms} ms, ${worst.rssMb} MB\n`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const cpu = cpus();
  console.log(`Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}; ${runs > 1 ? `slowest of ${runs} runs` : 'one run'} each.\n`);
  console.log('| Case | Time | Peak RSS | Time bound | Heap cap | RSS bound | Ends with |');
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const row of rows) console.log(row);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
