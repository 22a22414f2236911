/**
 * Where composure's time goes, phase by phase (`npm run bench -- --phases`, bench/run.mjs):
 *
 * - cold: whole `composure lint` processes with COMPOSURE_PHASES naming a file, which the CLI
 *   fills at exit with each phase's self time (packages/core/src/phases.ts); each run is paired
 *   with a bare `node empty.mjs` (A B A B …) so that the two see the same load;
 * - warm: one child process (`node bench/phases.mjs --warm SPEC`) that imports the built core and
 *   rules, analyses the same projects over and over with the same session (as the language
 *   server does), and formats the findings with the CLI's stylish formatter; each run is paired
 *   with `YAML.parseDocument` of the same texts.
 *
 * Medians of the runs, phase by phase: a median of each phase, so they need not add up to the
 * median total exactly.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { keystrokeOffset } from './inputs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COMPOSURE = path.join(ROOT, 'packages/cli/dist/composure.js');
const dist = (file) => pathToFileURL(path.join(ROOT, file)).href;

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The phases' medians over runs; a phase a run did not enter counts 0 in it. */
function phaseMedians(runs) {
  const names = [...new Set(runs.flatMap((run) => Object.keys(run)))];
  return Object.fromEntries(names.map((name) => [name, median(runs.map((run) => run[name]?.ms ?? 0))]));
}

/**
 * Cold phases of `composure ARGS` (cwd `cwd`), each run paired with `node emptyScript`.
 * Returns medians: wall time, Node's clock at exit (`totalMs`), each phase, the empty process.
 */
export function coldPhases({ cwd, args, runs, env, emptyScript, reportFile }) {
  const wall = [];
  const totals = [];
  const empty = [];
  const phases = [];
  const others = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const result = spawnSync(process.execPath, [COMPOSURE, ...args], { cwd, env: { ...env, COMPOSURE_PHASES: reportFile }, stdio: 'ignore' });
    const elapsed = performance.now() - t0;
    if (result.status !== 0 && result.status !== 1) throw new Error(`composure ${args.join(' ')} exited with ${result.status ?? result.signal}`);
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    rmSync(reportFile);
    const t1 = performance.now();
    spawnSync(process.execPath, [emptyScript], { cwd, env, stdio: 'ignore' });
    const emptyElapsed = performance.now() - t1;
    if (i === 0) continue; // warm-up (the file system cache, the code cache's pages)
    wall.push(elapsed);
    totals.push(report.totalMs);
    phases.push(report.phases);
    // What no phase covers, run by run: the medians of the phases do not add up to the median total.
    others.push(report.totalMs - Object.values(report.phases).reduce((sum, phase) => sum + phase.ms, 0));
    empty.push(emptyElapsed);
  }
  return { wallMs: median(wall), totalMs: median(totals), emptyMs: median(empty), otherMs: median(others), phases: phaseMedians(phases) };
}

/** Warm phases, in a child process (the phases switch is read when core loads). */
export function warmPhases({ cases, runs, env }) {
  const spec = JSON.stringify({ cases, runs });
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--warm', spec], {
    env: { ...env, COMPOSURE_PHASES: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0) throw new Error(`the warm phase measurement failed:\n${result.stderr.slice(0, 2000)}`);
  return JSON.parse(result.stdout);
}

// ----------------------------------------------------------- the child --

/**
 * Warm runs before the samples, and the fewest samples: a 300-service lint settles after about ten
 * runs (the JIT, the old generation's size), and its samples vary by a fifth from one major
 * collection to the next, so that a median of 7 after 3 runs moved by ±10% between two runs of the bench.
 */
export const WARM_UPS = 10;
export const WARM_SAMPLES = 15;

async function warmChild({ cases, runs }) {
  const { createSession } = await import(dist('packages/core/dist/index.js'));
  const { phaseTotals, resetPhases, timed } = await import(dist('packages/core/dist/phases.js'));
  const { rules, validateConfig } = await import(dist('rules/dist/index.js'));
  const { formatStylish } = await import(dist('packages/cli/dist/formatters/stylish.js'));
  const require = createRequire(path.join(ROOT, 'package.json'));
  const YAML = await import(pathToFileURL(require.resolve('yaml')).href);

  const out = {};
  for (const { id, cwd, paths, documents } of cases) {
    // documents: the texts served as an editor's unsaved buffers, one keystroke per run (the language server's analysis after it).
    const texts = new Map();
    const session = createSession({ rules, validateConfig, cwd, env: {}, documents: documents ? texts : undefined, incremental: documents });
    const { projects } = session.projectsAt(paths);
    const files = paths.map((p) => path.resolve(cwd, p)).flatMap((p) => (p.endsWith('.yaml') ? [p] : [path.join(p, 'compose.yaml')]));
    const originals = files.map((file) => readFileSync(file, 'utf8'));
    let edit = 0;
    const typedAt = originals.map(keystrokeOffset);
    const run = () => {
      if (documents) {
        // A keystroke: one more digit of an image tag, in a service amid the others.
        edit++;
        files.forEach((file, i) => texts.set(file, `${originals[i].slice(0, typedAt[i])}${edit % 10}${originals[i].slice(typedAt[i])}`));
      }
      const reports = [];
      for (const project of projects) {
        const result = session.analyze(project);
        if (!result.ok) throw new Error(`${id}: ${result.failure.message ?? 'the project did not load'}`);
        const byFile = new Map();
        for (const finding of result.value.findings) {
          if (!byFile.has(finding.file)) byFile.set(finding.file, []);
          byFile.get(finding.file).push(finding);
        }
        for (const [filePath, findings] of byFile) reports.push({ filePath, findings });
      }
      if (!documents) timed('format', () => formatStylish(reports, { cwd, color: false }));
    };
    const parse = () => {
      for (let i = 0; i < files.length; i++) YAML.parseDocument(documents ? texts.get(files[i]) : originals[i], { uniqueKeys: false });
    };
    for (let i = 0; i < WARM_UPS; i++) {
      run();
      parse();
    }
    const totals = [];
    const parses = [];
    const phases = [];
    for (let i = 0; i < Math.max(runs, WARM_SAMPLES); i++) {
      resetPhases();
      let t0 = performance.now();
      run();
      totals.push(performance.now() - t0);
      phases.push(phaseTotals());
      t0 = performance.now();
      parse();
      parses.push(performance.now() - t0);
    }
    out[id] = { totalMs: median(totals), parseMs: median(parses), phases: phaseMedians(phases), samples: totals, parseSamples: parses };
  }
  process.stdout.write(JSON.stringify(out));
}

// ---------------------------------------------------------- the report --

const CORE_PHASES = ['read', 'parse', 'load', 'schema', 'config', 'topology'];
const PHASE_LABELS = {
  'spawn + exit': 'spawn + exit (outside Node’s clock)',
  'process start': 'process start (Node’s bootstrap)',
  'module load': 'module load (launcher, bundle, command)',
  read: 'read',
  parse: 'parse (YAML → located tree)',
  load: 'load/merge/interpolate/normalise',
  schema: 'schema',
  config: 'configuration',
  topology: 'topology',
  rules: 'rules (all)',
  findings: 'findings (positions, directives, sort)',
  format: 'formatting (stylish)',
  output: 'output',
  other: 'other (arguments, session, between phases)',
};

/**
 * The breakdown as rows: [label, ms per case...]. `cold` adds the rows outside the phases
 * (spawn + exit, other). The rules come as one row plus the `top` slowest ones.
 */
export function phaseRows(results, { cold, top = 5 }) {
  const rows = [];
  const get = (r, name) => r.phases[name] ?? 0;
  const rulesOf = (r) => Object.entries(r.phases).filter(([name]) => name.startsWith('rule '));
  const sum = (r) => Object.values(r.phases).reduce((a, b) => a + b, 0);
  if (cold) {
    rows.push(['spawn + exit', ...results.map((r) => r.wallMs - r.totalMs)]);
    rows.push(['process start', ...results.map((r) => get(r, 'process start'))]);
    rows.push(['module load', ...results.map((r) => get(r, 'module load'))]);
  }
  for (const name of CORE_PHASES) rows.push([name, ...results.map((r) => get(r, name))]);
  rows.push(['rules', ...results.map((r) => rulesOf(r).reduce((a, [, ms]) => a + ms, 0))]);
  // The slowest rules over all cases.
  const slowest = new Map();
  for (const r of results) for (const [name, ms] of rulesOf(r)) slowest.set(name, Math.max(slowest.get(name) ?? 0, ms));
  for (const [name] of [...slowest].sort((a, b) => b[1] - a[1]).slice(0, top)) rows.push([`  ${name}`, ...results.map((r) => get(r, name))]);
  rows.push(['findings', ...results.map((r) => get(r, 'findings'))]);
  rows.push(['format', ...results.map((r) => get(r, 'format'))]);
  if (cold) {
    rows.push(['output', ...results.map((r) => get(r, 'output'))]);
    rows.push(['other', ...results.map((r) => Math.max(0, r.otherMs ?? r.totalMs - sum(r)))]);
  }
  return rows.map(([name, ...values]) => [PHASE_LABELS[name] ?? name, ...values]);
}

if (process.argv[2] === '--warm') await warmChild(JSON.parse(process.argv[3]));
