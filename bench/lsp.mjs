#!/usr/bin/env node
/**
 * The language server's latency: time from `textDocument/didChange` to the
 * `textDocument/publishDiagnostics` of that version, on a 1,000-service file (the
 * generator of bench/run.mjs), median of 7 edits after a warm-up, reported as a ratio of
 * one cold `composure lint` of the same file (a whole process, median of 5). Target ≤ 1.0×.
 * The server waits DEBOUNCE_MS (150 ms) after an edit before analysing: that wait is inside
 * the measured time, and is also reported separately.
 *
 * With `--input`, the file is another: `merged` (the generator's file with an
 * `x-defaults: &defaults` block merged into every service, as sentry writes it), `plain` (the
 * generator's file as is) or a path (a real file, copied with the `.env` beside it). Then the
 * completion latency is measured too: after each of the edits, a completion request sent right
 * after the didChange, at the first `depends_on` list of the file (median of the same edits).
 *
 * Not part of `npm test`. Needs `npm run build`. Usage:
 *   node bench/lsp.mjs [--services 1000] [--runs 7] [--verbose]
 *   node bench/lsp.mjs --input merged --services 150 --runs 15
 *   node bench/lsp.mjs --input test/corpus/composure/app-platform/compose.yaml --runs 15
 *
 * Its client is its own, not the tests' (test/support/lsp-client.ts): that one is TypeScript run
 * by vitest, and this script runs under plain Node.js 20 (here and from bench/run.mjs), which
 * cannot load TypeScript. It needs only didOpen/didChange and the publication's arrival time.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { bigCompose, keystrokeOffset, mergedCompose } from './inputs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COMPOSURE = path.join(ROOT, 'packages/cli/dist/composure.js');
const SERVER = path.join(ROOT, 'packages/language-server/dist/composure-language-server.js');
const require = createRequire(path.join(ROOT, 'package.json'));
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const CHILD_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(COMPOSE_|COMPOSURE_)/.test(key) && key !== 'FORCE_COLOR' && key !== 'NODE_OPTIONS'),
);
CHILD_ENV.NO_COLOR = '1';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** The server waits this long after an edit before analysing (packages/language-server). */
const DEBOUNCE_MS = 150;

/**
 * Measures the latency on a generated file of `services` services; returns the figures
 * (milliseconds) and the report lines. Used by this script and by bench/run.mjs.
 */
export async function measureLspLatency({ services: SERVICES = 1000, runs: RUNS = 7, coldRuns: COLD_RUNS = 5, verbose: VERBOSE = false, input } = {}) {
  const out = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'composure-bench-lsp-'));
  const file = path.join(dir, 'compose.yaml');
  const text = input === 'merged' ? mergedCompose(SERVICES) : input && input !== 'plain' ? readFileSync(input, 'utf8') : bigCompose(SERVICES);
  const described =
    input && input !== 'merged' && input !== 'plain'
      ? path.relative(ROOT, path.resolve(input))
      : `${SERVICES.toLocaleString('en-US')} services${input === 'merged' ? ', `<<: *defaults` in each' : ''}`;
  writeFileSync(file, text);
  // A real file's variables: the `.env` beside it.
  if (input && input !== 'merged' && input !== 'plain' && existsSync(path.join(path.dirname(input), '.env'))) {
    writeFileSync(path.join(dir, '.env'), readFileSync(path.join(path.dirname(input), '.env')));
  }
  const completionAt = completionPosition(text);
  const uri = pathToFileURL(file).href;

  try {
    // One cold `composure lint` of the file: the whole process, as a user runs it.
    const cold = [];
    spawnSync(process.execPath, [COMPOSURE, 'lint', '--format', 'json', file], { env: CHILD_ENV, cwd: dir }); // file cache warm-up
    for (let i = 0; i < COLD_RUNS; i++) {
      const t = performance.now();
      const r = spawnSync(process.execPath, [COMPOSURE, 'lint', '--format', 'json', file], { env: CHILD_ENV, cwd: dir, maxBuffer: 1 << 28 });
      cold.push(performance.now() - t);
      if (r.status !== 0 && r.status !== 1) throw new Error(`composure lint failed: ${r.stderr}`);
    }

    const child = spawn(process.execPath, [SERVER, '--stdio'], { env: CHILD_ENV, cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    let waiting;
    connection.onNotification('textDocument/publishDiagnostics', (params) => {
      if (waiting && params.uri === uri && params.version === waiting.version) waiting.resolve({ at: performance.now(), count: params.diagnostics.length });
    });
    connection.listen();
    const published = (version) => new Promise((resolve) => (waiting = { version, resolve }));
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
    await connection.sendNotification('initialized', {});

    const t0 = performance.now();
    let done = published(1);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const first = await done;
    const openMs = first.at - t0;

    // Edits: a character typed into, then removed from, an image tag amid the services (bench/inputs.mjs).
    const at = keystrokeOffset(text);
    const line = text.slice(0, at).split('\n').length - 1;
    const character = at - (text.lastIndexOf('\n', at - 1) + 1);
    const samples = [];
    let cpuBefore;
    let version = 1;
    let count = 0;
    /** The edit of a version: even versions type the character, odd ones remove it. */
    const keystroke = (v) =>
      v % 2 === 0
        ? { range: { start: { line, character }, end: { line, character } }, text: '1' }
        : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' };
    /** Sends the next keystroke; returns when it was sent (its diagnostics are awaited through `done`). */
    const type = async () => {
      version++;
      done = published(version);
      const t = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [keystroke(version)] });
      return t;
    };
    for (let i = 0; i < RUNS + 2; i++) {
      const t = await type();
      const result = await done;
      count = result.count;
      // The first two edits warm the server up (JIT); the rest are measured.
      if (i >= 2) samples.push(result.at - t);
      if (i === 1) cpuBefore = cpuMs(child.pid);
    }
    // What the server itself spent per edit, whatever else the machine runs meanwhile (clock ticks of 10 ms: a mean over the edits).
    const cpuAfter = cpuMs(child.pid);
    const cpuPerEdit = cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / RUNS : undefined;
    // Completion right after a keystroke: the request follows the didChange at once (the analysis of that edit is still to come).
    const completions = [];
    let offered = 0;
    if (input && completionAt) {
      for (let i = 0; i < RUNS + 2; i++) {
        const t = await type();
        const items = await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: completionAt });
        if (i >= 2) completions.push(performance.now() - t);
        offered = (Array.isArray(items) ? items : (items?.items ?? [])).length;
        await done;
      }
    }
    await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
    await connection.sendNotification('exit');
    connection.dispose();
    child.kill();

    const coldMedian = median(cold);
    const editMedian = median(samples);
    const lines = text.split('\n').length - 1;
    out.push(
      `# language server: didChange → publishDiagnostics (${described}, ${lines.toLocaleString('en-US')} lines, ${(text.length / 1024).toFixed(0)} KB; ${count} diagnostics)`,
    );
    out.push('');
    out.push(`| measure | median (ms) |`);
    out.push(`|---|---:|`);
    out.push(`| cold \`composure lint --format json\` (whole process, ${COLD_RUNS} runs) | ${ms(coldMedian)} |`);
    out.push(`| server: didOpen → first diagnostics (cold server) | ${ms(openMs)} |`);
    out.push(`| server: didChange → publishDiagnostics (${RUNS} edits after 2 warm-up) | ${ms(editMedian)} |`);
    out.push(`| … of which the debounce wait | ${DEBOUNCE_MS} |`);
    out.push(`| … analysis and publication (net of the debounce) | ${ms(editMedian - DEBOUNCE_MS)} |`);
    if (cpuPerEdit !== undefined) out.push(`| server CPU time per edit (user + system, mean of the ${RUNS} edits) | ${ms(cpuPerEdit)} |`);
    const completionMedian = completions.length > 0 ? median(completions) : undefined;
    if (completionMedian !== undefined)
      out.push(`| server: didChange, then completion at once → its answer (${RUNS} edits; ${offered} items) | ${ms(completionMedian)} |`);
    out.push('');
    out.push(`ratio didChange→publish / cold lint: ${(editMedian / coldMedian).toFixed(2)}× (target ≤ 1.0×) ${editMedian / coldMedian <= 1 ? '✓' : '✗'}`);
    out.push(
      `node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    if (VERBOSE) {
      out.push(`cold lint samples: ${cold.map(ms).join(', ')}`);
      out.push(`edit samples: ${samples.map(ms).join(', ')}`);
      if (completions.length > 0) out.push(`completion samples: ${completions.map(ms).join(', ')}`);
    }
    if (completionMedian !== undefined) {
      out.push(
        `ratios to the cold lint: analysis net of the debounce ${((editMedian - DEBOUNCE_MS) / coldMedian).toFixed(2)}×, completion ${(completionMedian / coldMedian).toFixed(3)}×`,
      );
    }
    return {
      services: SERVICES,
      lines,
      coldMs: coldMedian,
      openMs,
      editMs: editMedian,
      debounceMs: DEBOUNCE_MS,
      completionMs: completionMedian,
      cpuPerEditMs: cpuPerEdit,
      ratio: editMedian / coldMedian,
      report: out,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Where the benchmark asks for completion: in the first `depends_on` list (flow or block) of the
 * text (service names), else at the start of a service's first `image:` line (the schema's keys).
 */
function completionPosition(text) {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const flow = /^(\s+depends_on: \[)/.exec(lines[i]);
    if (flow) return { line: i, character: flow[1].length };
    if (/^\s+depends_on:\s*$/.test(lines[i]) && /^\s+- /.test(lines[i + 1] ?? '')) return { line: i + 1, character: /^\s+- /.exec(lines[i + 1])[0].length };
  }
  const image = lines.findIndex((line) => /^ {4}image:/.test(line));
  return image >= 0 ? { line: image, character: 4 } : undefined;
}

/** The CPU time (user + system, ms) a process has used so far, from /proc (Linux); undefined elsewhere. */
function cpuMs(pid) {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

// Run as a script: `node bench/lsp.mjs [--services 1000] [--runs 7] [--verbose]`.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const result = await measureLspLatency({
    services: option('services', 1000),
    runs: option('runs', 7),
    coldRuns: option('cold-runs', 5),
    verbose: args.includes('--verbose'),
    input: args.includes('--input') ? args[args.indexOf('--input') + 1] : undefined,
  });
  console.log(result.report.join('\n'));
}
