#!/usr/bin/env node
/**
 * composure benchmark: composure vs dclint, and composure's scaling against the
 * cost of parsing the same YAML with the `yaml` package.
 *
 *   node bench/run.mjs [--runs N] [--quick] [--verbose] [--keep] [--only topology]
 *
 * Installs nothing. Inputs are generated at run time into a temp directory
 * (os.tmpdir()). Every CLI measurement is a whole process: spawnSync of
 * process.execPath with the tool's script, stdout/stderr discarded, one
 * warm-up run, then the median of N runs. Prints markdown tables and writes
 * bench/results.json. See bench/README.md.
 *
 * The language server's latency (bench/lsp.mjs) is measured last, and a summary
 * table puts every measure beside what it is compared with.
 * The topology measurement (bench/topology.mjs) runs in this process against
 * the built @composure/core: a 1,000-service, 50-network project, buildTopology
 * time as a ratio of the YAML parse time of the same file.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measureLspLatency } from './lsp.mjs';
import { CORE_DIST, measureTopology, TOPOLOGY_NETWORKS, TOPOLOGY_SERVICES, TOPOLOGY_TARGET } from './topology.mjs';
import { bigCompose } from './inputs.mjs';
import { measureMemory } from './memory.mjs';
import { coldPhases, phaseRows, WARM_SAMPLES, WARM_UPS, warmPhases } from './phases.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const COMPOSURE = path.join(ROOT, 'packages/cli/dist/composure.js');
const require = createRequire(path.join(ROOT, 'package.json'));

// ---------------------------------------------------------------- options --

function usage(code) {
  const text = `Usage: node bench/run.mjs [--runs N] [--quick] [--verbose] [--keep] [--phases | --only topology]

  --runs N         timed runs per measurement, after one warm-up (default 7)
  --quick          runs=3 (unless --runs is given) and skip the 10,000-service file
  --verbose        print each tool's finding counts and every sample
  --keep           keep the generated inputs (the temp directory is printed)
  --phases         only the breakdown of the time by phase, cold and warm (bench/phases.mjs):
                   small file, 300 services, 50 files (and 3,000 services warm)
  --only topology  only the in-process topology measurement (needs packages/core
                   built, not the CLI or dclint); updates the topology entry of
                   bench/results.json and keeps the rest
  -h, --help   show this help
`;
  (code === 0 ? process.stdout : process.stderr).write(text);
  process.exit(code);
}

function parseArgs(argv) {
  const options = { runs: undefined, quick: false, verbose: false, keep: false, only: undefined, phases: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--verbose' || arg === '-v') options.verbose = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--phases') options.phases = true;
    else if (arg === '-h' || arg === '--help') usage(0);
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (value !== 'topology') {
        process.stderr.write(`--only takes "topology", got ${JSON.stringify(value)}\n`);
        usage(2);
      }
      options.only = value;
    } else if (arg === '--runs' || arg.startsWith('--runs=')) {
      const value = arg === '--runs' ? argv[++i] : arg.slice('--runs='.length);
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) {
        process.stderr.write(`--runs needs a positive integer, got ${JSON.stringify(value)}\n`);
        usage(2);
      }
      options.runs = n;
    } else {
      process.stderr.write(`unknown option ${arg}\n`);
      usage(2);
    }
  }
  options.runs ??= options.quick ? 3 : 7;
  return options;
}

const options = parseArgs(process.argv.slice(2));
const RUNS = options.runs;
const SCALING_SIZES = options.quick ? [300, 3000] : [300, 3000, 10000];
/** The language server is measured on a 1,000-service file (issue 6's figure). */
const SCALE_LSP = 1000;
const ONLY_TOPOLOGY = options.only === 'topology';

// ------------------------------------------------------------- tool paths --

function resolveDclint() {
  const pkgPath = require.resolve('dclint/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.dclint;
  return { script: path.join(path.dirname(pkgPath), bin), version: pkg.version };
}

for (const built of ONLY_TOPOLOGY ? [CORE_DIST] : [COMPOSURE, CORE_DIST]) {
  if (!existsSync(built)) {
    process.stderr.write(`${path.relative(ROOT, built)} not found: run \`npm run build\` first.\n`);
    process.exit(2);
  }
}
const DCLINT = ONLY_TOPOLOGY ? { script: undefined, version: 'not run' } : resolveDclint();
const yamlPkgPath = require.resolve('yaml/package.json');
const YAML_VERSION = JSON.parse(readFileSync(yamlPkgPath, 'utf8')).version;
const YAML = await import(pathToFileURL(require.resolve('yaml')).href);

// The child environment: no Compose/composure variables leaking in from the
// shell (COMPOSE_FILE, COMPOSE_PROFILES, COMPOSURE_FORMAT…), no colour forcing.
const CHILD_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(COMPOSE_|COMPOSURE_|DCLINT)/.test(key) && key !== 'FORCE_COLOR' && key !== 'NODE_OPTIONS'),
);
CHILD_ENV.NO_COLOR = '1';

// ---------------------------------------------------------------- inputs --

/** A small, realistic project: 5 services, 3 networks (one unused), ports, env, volumes. */
function smallCompose(i = 0) {
  const p = 8000 + i * 10;
  return `# A small shop: reverse proxy, web front end, API, PostgreSQL and Redis.
name: shop-${i}

services:
  proxy:
    image: nginx:1.27.3-alpine
    ports:
      - "${p}:80"
      - "${p + 1}:443"
    volumes:
      - ./nginx.conf:/etc/nginx/nginx.conf:ro
    networks: [edge]
    depends_on: [web, api]
    restart: unless-stopped

  web:
    image: ghcr.io/example/shop-web:2.3.1
    environment:
      API_URL: http://api:8080
      NODE_ENV: production
    networks: [edge]

  api:
    image: ghcr.io/example/shop-api:latest
    environment:
      DATABASE_URL: postgres://shop:\${POSTGRES_PASSWORD:-change-me}@db:5432/shop
      REDIS_URL: redis://cache:6379/0
      LOG_LEVEL: \${LOG_LEVEL:-info}
    ports:
      - "127.0.0.1:${p + 2}:8080"
    networks: [edge, backend]
    depends_on:
      db:
        condition: service_healthy
      cache:
        condition: service_started

  db:
    image: postgres:17.2
    environment:
      POSTGRES_USER: shop
      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-change-me}
      POSTGRES_DB: shop
    volumes:
      - db-data:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U shop"]
      interval: 10s
      timeout: 5s
      retries: 5
    networks: [backend]

  cache:
    image: redis:7.4-alpine
    command: ["redis-server", "--appendonly", "yes"]
    volumes:
      - cache-data:/data
    networks: [backend]

networks:
  edge: {}
  backend:
    internal: true
  monitoring: {}

volumes:
  db-data: {}
  cache-data: {}
`;
}

// ----------------------------------------------------------------- timing --

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const summary = (samples) => ({
  median: round(median(samples), 2),
  min: round(Math.min(...samples), 2),
  max: round(Math.max(...samples), 2),
  samples: samples.map((x) => round(x, 2)),
});

let WORK_DIR;

/** One CLI process; exit codes 0 (clean) and 1 (findings) are expected, anything else aborts. */
function spawnTool(args, { capture = false } = {}) {
  const result = spawnSync(process.execPath, args, {
    cwd: WORK_DIR,
    env: CHILD_ENV,
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'ignore',
    maxBuffer: 1 << 30,
    encoding: capture ? 'utf8' : undefined,
  });
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) {
    const again = capture ? result : spawnSync(process.execPath, args, { cwd: WORK_DIR, env: CHILD_ENV, encoding: 'utf8', maxBuffer: 1 << 30 });
    throw new Error(`\`node ${args.join(' ')}\` exited with ${result.status ?? result.signal}\n${String(again.stderr).slice(0, 2000)}`);
  }
  return result;
}

/** Whole-process wall time: one warm-up, then the median of RUNS. */
function timeProcess(label, args) {
  spawnTool(args);
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    spawnTool(args);
    samples.push(performance.now() - t0);
  }
  const s = summary(samples);
  if (options.verbose) log(`  ${label}: median ${s.median} ms  [${s.samples.join(', ')}]`);
  return s;
}

/**
 * Commands timed in turn (A B C A B C …) after one warm-up each, so that background load on the
 * machine hits them alike. Returns one summary per command.
 */
function timeGroup(commands) {
  for (const { args } of commands) spawnTool(args);
  const samples = commands.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    commands.forEach(({ args }, k) => {
      const t0 = performance.now();
      spawnTool(args);
      samples[k].push(performance.now() - t0);
    });
  }
  return commands.map(({ label }, k) => {
    const s = summary(samples[k]);
    if (options.verbose) log(`  ${label}: median ${s.median} ms  [${s.samples.join(', ')}]`);
    return s;
  });
}

/** Two commands timed alternately (A B A B …). */
const timePair = (labelA, argsA, labelB, argsB) =>
  timeGroup([
    { label: labelA, args: argsA },
    { label: labelB, args: argsB },
  ]);

/** In-process: YAML.parseDocument (the tree with source ranges a linter needs), one warm-up, median of RUNS. */
function timeYamlParse(text, fn) {
  fn(text);
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const doc = fn(text);
    samples.push(performance.now() - t0);
    if (doc.errors?.length) throw new Error(`generated YAML does not parse: ${doc.errors[0].message}`);
  }
  return summary(samples);
}

// ------------------------------------------------------ finding counts ----
// Once per case (untimed), each tool runs with a JSON formatter so we can prove
// it really analysed the input: files seen, findings, and no parse/schema
// failure that would make it skip its rules.

const COMPOSURE_FATAL = new Set(['yaml-syntax', 'compose-schema', 'interpolation', 'compose-load']);
const DCLINT_FATAL = new Set(['invalid-yaml', 'invalid-schema']);

function countFindings(tool, args) {
  // stdout goes to a file, not a pipe: a CLI that calls process.exit() right
  // after writing a large report to a pipe loses its tail (dclint does).
  const out = path.join(WORK_DIR, `.report-${tool}.json`);
  const fd = openSync(out, 'w');
  let result;
  try {
    result = spawnSync(process.execPath, args, { cwd: WORK_DIR, env: CHILD_ENV, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  } finally {
    closeSync(fd);
  }
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`\`node ${args.join(' ')}\` exited with ${result.status ?? result.signal}\n${result.stderr.slice(0, 2000)}`);
  }
  const stdout = readFileSync(out, 'utf8');
  rmSync(out);
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    throw new Error(`${tool}: could not parse its JSON report from \`node ${args.join(' ')}\``);
  }
  const byRule = {};
  let findings = 0;
  for (const file of report) {
    for (const message of file.messages) {
      const rule = message.ruleId ?? message.rule ?? 'unknown';
      byRule[rule] = (byRule[rule] ?? 0) + 1;
      findings++;
    }
  }
  const fatal = tool === 'composure' ? COMPOSURE_FATAL : DCLINT_FATAL;
  const broken = Object.keys(byRule).filter((rule) => fatal.has(rule));
  if (broken.length) {
    throw new Error(`${tool} rejected a generated input (${broken.join(', ')}); the generator is wrong:\n${stdout.slice(0, 2000)}`);
  }
  return { files: report.length, findings, byRule };
}

const composureCounts = (paths) => countFindings('composure', [COMPOSURE, 'lint', '--format', 'json', ...paths]);
const dclintCounts = (paths, extra = []) => countFindings('dclint', [DCLINT.script, '-f', 'json', ...extra, ...paths]);

// ----------------------------------------------------------------- output --

const lines = [];
function log(line = '') {
  process.stdout.write(line + '\n');
  lines.push(line);
}
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const bytes = (n) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`);
const check = (ok) => (ok ? '✓' : '✗');
/** align: one of 'l'/'r' per column. */
function table(header, rows, align) {
  log(`| ${header.join(' | ')} |`);
  log(`|${header.map((h, i) => (align[i] === 'r' ? ' ---: ' : ' --- ')).join('|')}|`);
  for (const row of rows) log(`| ${row.join(' | ')} |`);
}

function gitDescribe() {
  const r = spawnSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  if (r.status !== 0) return 'unknown';
  const dirty = spawnSync('git', ['-C', ROOT, 'status', '--porcelain'], { encoding: 'utf8' });
  return r.stdout.trim() + (dirty.stdout.trim() ? ' (dirty)' : '');
}

// ------------------------------------------------------------------- main --

const cpus = os.cpus();
const machine = {
  cpu: cpus[0]?.model ?? 'unknown',
  cores: cpus.length,
  memoryGiB: round(os.totalmem() / 2 ** 30, 1),
  node: process.version,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
};
const loadStart = os.loadavg();
const composureVersion = existsSync(COMPOSURE)
  ? spawnTool([COMPOSURE, '--version'], { capture: true }).stdout.trim()
  : JSON.parse(readFileSync(path.join(ROOT, 'packages/core/package.json'), 'utf8')).version;
const command = `node ${path.relative(process.cwd(), fileURLToPath(import.meta.url)) || 'bench/run.mjs'}${process.argv.length > 2 ? ' ' + process.argv.slice(2).join(' ') : ''}`;

WORK_DIR = mkdtempSync(path.join(os.tmpdir(), 'composure-bench-'));
const cleanup = () => {
  if (!options.keep) rmSync(WORK_DIR, { recursive: true, force: true });
};
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

const progress = (what) => process.stderr.write(`… ${what}\n`);

/** The generated inputs (in WORK_DIR) and the floor scripts. */
function makeInputs() {
  const smallDir = path.join(WORK_DIR, 'small');
  mkdirSync(smallDir);
  const smallFile = path.join(smallDir, 'compose.yaml');
  writeFileSync(smallFile, smallCompose(0));

  const manyRoot = path.join(WORK_DIR, 'many');
  const manyDirs = [];
  for (let i = 0; i < 50; i++) {
    const dir = path.join(manyRoot, `proj-${String(i).padStart(2, '0')}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'compose.yaml'), smallCompose(i + 1));
    manyDirs.push(dir);
  }

  const bigFiles = new Map();
  for (const n of [...new Set([300, SCALE_LSP, ...SCALING_SIZES])]) {
    const dir = path.join(WORK_DIR, `svc-${n}`);
    mkdirSync(dir);
    const file = path.join(dir, 'compose.yaml');
    const text = bigCompose(n);
    writeFileSync(file, text);
    bigFiles.set(n, { file, text, size: statSync(file).size });
  }
  const rel = (p) => path.relative(WORK_DIR, p);

  // Floors for whole-process times: a bare Node process, and a fresh process
  // that only imports the yaml package and parses the file once (cold code),
  // which is the least any CLI built on \`yaml\` can take.
  const emptyScript = path.join(WORK_DIR, 'empty.mjs');
  writeFileSync(emptyScript, 'export {};\n');
  const yamlScript = path.join(WORK_DIR, 'yaml-parse.mjs');
  writeFileSync(
    yamlScript,
    `import { readFileSync } from 'node:fs';\n` +
      `const YAML = await import(${JSON.stringify(pathToFileURL(require.resolve('yaml')).href)});\n` +
      `const doc = YAML.parseDocument(readFileSync(process.argv[2], 'utf8'), { uniqueKeys: false });\n` +
      `if (doc.errors.length) process.exit(3);\n`,
  );

  return { smallFile, manyRoot, manyDirs, bigFiles, emptyScript, yamlScript, rel };
}

/** `--phases`: where the time goes, phase by phase, cold (whole processes) and warm (one process). */
function runPhases() {
  const { smallFile, manyDirs, bigFiles, emptyScript, rel } = makeInputs();
  const cases = [
    { id: 'small', label: 'small file', paths: [rel(smallFile)] },
    { id: 'services300', label: '300 services', paths: [rel(bigFiles.get(300).file)] },
    { id: 'files50', label: '50 files, one run', paths: manyDirs.map(rel) },
  ];
  const reportFile = path.join(WORK_DIR, '.phases.json');
  const cold = cases.map((c) => {
    progress(`phases, cold: ${c.label}`);
    return coldPhases({ cwd: WORK_DIR, args: ['lint', ...c.paths], runs: RUNS, env: CHILD_ENV, emptyScript, reportFile });
  });
  const warmCases = [...cases, { id: 'services3000', label: '3,000 services', paths: [rel(bigFiles.get(3000).file)] }];
  progress('phases, warm (one process)');
  const warmById = warmPhases({ cases: warmCases.map(({ id, paths }) => ({ id, cwd: WORK_DIR, paths })), runs: RUNS, env: CHILD_ENV });
  const warm = warmCases.map((c) => warmById[c.id]);
  const numbers = (rows) => rows.map(([label, ...values]) => [label, ...values.map((v) => ms(v))]);
  const right = (n) => ['l', ...Array(n).fill('r')];

  log(`## phases, cold: whole \`composure lint\` processes (ms, medians of ${RUNS})`);
  log();
  table(
    ['phase', ...cases.map((c) => c.label)],
    [
      ...numbers(phaseRows(cold, { cold: true })),
      ['**wall time**', ...cold.map((r) => `**${ms(r.wallMs)}**`)],
      ['bare `node empty.mjs`, in turn', ...cold.map((r) => ms(r.emptyMs))],
      ['wall time / bare node', ...cold.map((r) => `${(r.wallMs / r.emptyMs).toFixed(2)}×`)],
    ],
    right(cases.length),
  );
  log();
  log(`## phases, warm: one process, the same session analysing again (ms, medians of ${Math.max(RUNS, WARM_SAMPLES)} after ${WARM_UPS} warm-ups)`);
  log();
  table(
    ['phase', ...warmCases.map((c) => c.label)],
    [
      ...numbers(phaseRows(warm, { cold: false })),
      ['**total**', ...warm.map((r) => `**${ms(r.totalMs)}**`)],
      ['`YAML.parseDocument` of the same text, in turn', ...warm.map((r) => ms(r.parseMs))],
      ['total / parse', ...warm.map((r) => `${(r.totalMs / r.parseMs).toFixed(2)}×`)],
    ],
    right(warmCases.length),
  );
  log();
  log(
    'Each phase is its self time (what phases nested in it took is theirs), from COMPOSURE_PHASES (packages/core/src/phases.ts); ' +
      '`spawn + exit` is the wall time outside Node’s clock; `other` what no phase covers. Medians phase by phase: they need not add up to the median total.',
  );
  const loadEnd = os.loadavg();
  log();
  log(`load average at end: ${loadEnd.map((x) => x.toFixed(2)).join(' ')}`);
  const resultsPath = path.join(BENCH_DIR, 'phases.json');
  writeFileSync(
    resultsPath,
    JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        command,
        runs: RUNS,
        machine,
        loadAverage: { start: loadStart.map((x) => round(x, 2)), end: loadEnd.map((x) => round(x, 2)) },
        cold: Object.fromEntries(cases.map((c, i) => [c.id, cold[i]])),
        warm: warmById,
        report: lines.join('\n'),
      },
      null,
      2,
    ) + '\n',
  );
  log(`results written to ${path.relative(process.cwd(), resultsPath)}`);
}

async function main() {
  log('# composure benchmark');
  log();
  log(`- machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.platform}`);
  log(`- Node ${machine.node}; composure ${composureVersion} (git ${gitDescribe()}); dclint ${DCLINT.version}; yaml ${YAML_VERSION}`);
  log(`- command: \`${command}\` (cwd ${process.cwd()})`);
  log(
    `- load average at start: ${loadStart.map((x) => x.toFixed(2)).join(' ')} (1/5/15 min)` +
      (loadStart[0] > machine.cores * 0.75 ? ' ⚠ the machine is busy: timings are noisy' : ''),
  );
  if (!ONLY_TOPOLOGY)
    log(
      `- method: whole processes (\`${path.basename(process.execPath)} SCRIPT ARGS\`, stdout/stderr discarded, cwd = temp dir), 1 warm-up + median of ${RUNS} runs`,
    );
  log(`- topology: in-process against ${path.relative(ROOT, CORE_DIST)}, ${WARM_UPS} warm-up rounds + median of ${Math.max(RUNS, WARM_SAMPLES)} runs`);
  log(`- inputs: generated in ${WORK_DIR}${options.keep ? ' (kept)' : ' (deleted afterwards)'}`);
  log();

  /** composure vs dclint, and the scaling table: whole processes. */
  const runPeers = () => {
    const { smallFile, manyRoot, manyDirs, bigFiles, emptyScript, yamlScript, rel } = makeInputs();

    // ---- composure vs dclint
    const cases = [];
    const pair = (la, a, lb, b) => {
      const [composure, dclint] = timePair(la, a, lb, b);
      return { composure, dclint };
    };

    progress('start-up (--version)');
    cases.push({
      id: 'startup',
      label: 'start-up (`--version`)',
      composureArgs: ['--version'],
      dclintArgs: ['--version'],
      ...pair('composure --version', [COMPOSURE, '--version'], 'dclint --version', [DCLINT.script, '--version']),
      counts: null,
    });
    const nodeFloor = timeProcess('node empty.mjs', [emptyScript]);

    progress('small file');
    {
      const counts = { composure: composureCounts([rel(smallFile)]), dclint: dclintCounts([rel(smallFile)]) };
      cases.push({
        id: 'small',
        label: 'small file (5 services)',
        composureArgs: ['lint', rel(smallFile)],
        dclintArgs: [rel(smallFile)],
        ...pair('composure small', [COMPOSURE, 'lint', rel(smallFile)], 'dclint small', [DCLINT.script, rel(smallFile)]),
        counts,
        target: 3,
      });
    }

    progress('300-service file');
    {
      const f = rel(bigFiles.get(300).file);
      const counts = { composure: composureCounts([f]), dclint: dclintCounts([f]) };
      cases.push({
        id: 'services300',
        label: '300-service file',
        composureArgs: ['lint', f],
        dclintArgs: [f],
        ...pair('composure 300', [COMPOSURE, 'lint', f], 'dclint 300', [DCLINT.script, f]),
        counts,
        target: 10,
      });
    }

    progress('50 small files');
    {
      const dirs = manyDirs.map(rel);
      const counts = { composure: composureCounts(dirs), dclint: dclintCounts([rel(manyRoot)], ['-r']) };
      if (counts.composure.files !== 50 || counts.dclint.files !== 50) {
        throw new Error(`50-file case: composure saw ${counts.composure.files} files, dclint ${counts.dclint.files}`);
      }
      cases.push({
        id: 'files50',
        label: '50 small files, one run',
        composureArgs: ['lint', `${rel(manyRoot)}/proj-00`, '…', `${rel(manyRoot)}/proj-49`],
        dclintArgs: ['-r', rel(manyRoot)],
        ...pair('composure 50 files', [COMPOSURE, 'lint', ...dirs], 'dclint 50 files', [DCLINT.script, '-r', rel(manyRoot)]),
        counts,
        target: 10,
      });
    }

    // ---- floors: each measure with what it is compared with, in turn in one loop
    progress('floors: small file and 300 services against bare Node processes');
    const [floorSmall, floorEmpty] = timeGroup([
      { label: 'composure small', args: [COMPOSURE, 'lint', rel(smallFile)] },
      { label: 'node empty.mjs', args: [emptyScript] },
    ]);
    const f300 = rel(bigFiles.get(300).file);
    const [past300, pastYaml, pastEmpty] = timeGroup([
      { label: 'composure 300', args: [COMPOSURE, 'lint', f300] },
      { label: 'node yaml-parse.mjs 300', args: [yamlScript, f300] },
      { label: 'node empty.mjs', args: [emptyScript] },
    ]);
    const floors = {
      small: { composure: floorSmall, empty: floorEmpty, ratio: floorSmall.median / floorEmpty.median },
      services300: {
        composure: past300,
        yamlProcess: pastYaml,
        empty: pastEmpty,
        ratio: (past300.median - pastEmpty.median) / (pastYaml.median - pastEmpty.median),
      },
    };

    // ---- warm, in one process (bench/phases.mjs): lint against the parse, as the language server runs it
    progress('warm: 300, 3,000 services and a 1,000-service editor buffer (in-process)');
    const warm = warmPhases({
      cases: [
        { id: 'services300', cwd: WORK_DIR, paths: [f300] },
        { id: 'services3000', cwd: WORK_DIR, paths: [rel(bigFiles.get(3000).file)] },
        { id: 'editor1000', cwd: WORK_DIR, paths: [rel(bigFiles.get(SCALE_LSP).file)], documents: true },
      ],
      runs: RUNS,
      env: CHILD_ENV,
    });

    // ---- scaling
    const scaling = [];
    for (const n of SCALING_SIZES) {
      progress(`scaling: ${n} services`);
      const { file, text, size } = bigFiles.get(n);
      const f = rel(file);
      const counts = composureCounts([f]);
      const composure = n === 300 ? cases.find((c) => c.id === 'services300').composure : timeProcess(`composure ${n}`, [COMPOSURE, 'lint', f]);
      const parseDocument = timeYamlParse(text, (t) => YAML.parseDocument(t, { uniqueKeys: false }));
      const parse = timeYamlParse(text, (t) => YAML.parse(t));
      const yamlProcess = timeProcess(`node yaml-parse.mjs ${n}`, [yamlScript, f]);
      scaling.push({
        services: n,
        bytes: size,
        lines: text.split('\n').length - 1,
        composure,
        yamlParseDocument: parseDocument,
        yamlParse: parse,
        yamlProcess,
        counts,
      });
    }

    progress('memory: peak RSS on the 3,000-service and the 10 MB file');
    const memory = measureMemory({ workDir: WORK_DIR, file3000: bigFiles.get(3000).file, dclint: DCLINT.script, env: CHILD_ENV });

    const startup = cases.find((c) => c.id === 'startup').composure.median;

    // ---- report
    log('## composure vs dclint');
    log();
    const targetNote = (c) => {
      if (!c.target) return '';
      const ratio = c.dclint.median / c.composure.median;
      return `target ≥${c.target}× ${check(ratio >= c.target)}`;
    };
    table(
      ['case', 'composure (ms)', 'dclint (ms)', 'ratio (dclint/composure)', 'notes'],
      cases.map((c) => {
        const ratio = c.dclint.median / c.composure.median;
        const notes = [targetNote(c)];
        if (c.counts) {
          notes.push(
            `findings: composure ${c.counts.composure.findings} in ${c.counts.composure.files} file(s), dclint ${c.counts.dclint.findings} in ${c.counts.dclint.files}`,
          );
        } else notes.push(`process start + module loading only; bare \`node empty.mjs\`: ${ms(nodeFloor.median)} ms`);
        return [c.label, ms(c.composure.median), ms(c.dclint.median), `${ratio.toFixed(2)}×`, notes.filter(Boolean).join('; ')];
      }),
      ['l', 'r', 'r', 'r', 'l'],
    );
    log();
    log('Commands (cwd = temp dir):');
    for (const c of cases) {
      log(`- ${c.label}: \`composure ${c.composureArgs.join(' ')}\` vs \`dclint ${c.dclintArgs.join(' ')}\``);
    }
    log();

    log('## scaling (composure lint vs in-process `yaml` parse of the same file)');
    log();
    table(
      [
        'services',
        'file size',
        'composure (ms)',
        'yaml parse (ms)',
        'composure / parse',
        'composure − start-up (ms)',
        'node + yaml parse, fresh process (ms)',
        'composure / that',
      ],
      scaling.map((s) => [
        s.services.toLocaleString('en-US'),
        bytes(s.bytes),
        ms(s.composure.median),
        ms(s.yamlParseDocument.median),
        `${(s.composure.median / s.yamlParseDocument.median).toFixed(1)}×`,
        ms(s.composure.median - startup),
        ms(s.yamlProcess.median),
        `${(s.composure.median / s.yamlProcess.median).toFixed(1)}×`,
      ]),
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    );
    log();
    log(
      '`yaml parse` = `YAML.parseDocument(text, { uniqueKeys: false })` (the tree with source ranges a linter needs; duplicate keys unchecked, as composure checks them itself in linear time), measured in this process with performance.now(), 1 warm-up + median of ' +
        `${RUNS}; plain \`YAML.parse\` for reference: ` +
        scaling.map((s) => `${s.services}: ${ms(s.yamlParse.median)} ms`).join(', ') +
        `. composure start-up (\`--version\`): ${ms(startup)} ms; bare \`node empty.mjs\`: ${ms(nodeFloor.median)} ms.`,
    );
    log(
      '`node + yaml parse, fresh process` = whole-process time of a script that imports `yaml` and runs `parseDocument` once on the file ' +
        '(cold, unoptimised code, as in any CLI run): the floor for a CLI built on the `yaml` package.',
    );
    log();

    log('## memory (peak resident set size, one run each)');
    log();
    table(
      ['file', 'composure (MB)', 'dclint (MB)', 'composure / dclint'],
      memory.map((m) => [m.label, m.composureMb.toFixed(0), m.dclintMb.toFixed(0), `${(m.composureMb / m.dclintMb).toFixed(2)}×`]),
      ['l', 'r', 'r', 'r'],
    );
    log();

    // ---- targets
    const s300 = scaling.find((s) => s.services === 300);
    const s3000 = scaling.find((s) => s.services === 3000);
    const scaleRatio = s3000.composure.median / s300.composure.median;
    const scaleRatioNet = (s3000.composure.median - startup) / (s300.composure.median - startup);
    const targets = [
      ...cases
        .filter((c) => c.target)
        .map((c) => {
          const ratio = c.dclint.median / c.composure.median;
          let value = `${ratio.toFixed(2)}×`;
          if (c.id === 'services300') {
            // What a CLI that parses with the yaml package could reach at best.
            const ceiling = c.dclint.median / s300.yamlProcess.median;
            value += ` (ceiling for any CLI that parses with \`yaml\`: dclint / fresh node + yaml parse = ${ceiling.toFixed(2)}×)`;
          }
          return { name: `${c.label}: ≥${c.target}× faster than dclint`, value, pass: ratio >= c.target };
        }),
      {
        name: 'small file ≤ 2.0× a bare `node empty.mjs`',
        value: `${floors.small.ratio.toFixed(2)}× (${ms(floors.small.composure.median)} ms vs ${ms(floors.small.empty.median)} ms, in turn)`,
        pass: floors.small.ratio <= 2,
      },
      {
        name: "300-service file: composure's work past Node's start-up ≤ 1.4× that of a bare cold parse process",
        value:
          `${floors.services300.ratio.toFixed(2)}× ((${ms(past300.median)} − ${ms(pastEmpty.median)}) / (${ms(pastYaml.median)} − ${ms(pastEmpty.median)}) ms: ` +
          'composure, node + yaml parse, node empty.mjs, in turn)',
        pass: floors.services300.ratio <= 1.4,
      },
      {
        name: 'warm lint of 300 services ≤ 2.5× the warm parse of the file',
        value: `${(warm.services300.totalMs / warm.services300.parseMs).toFixed(2)}× (${ms(warm.services300.totalMs)} ms vs ${ms(warm.services300.parseMs)} ms)`,
        pass: warm.services300.totalMs / warm.services300.parseMs <= 2.5,
      },
      {
        name: '3,000 services ≤ 11× the 300-service time',
        value:
          `${scaleRatio.toFixed(2)}× cold processes (${scaleRatioNet.toFixed(2)}× net of start-up); ` +
          `${(warm.services3000.totalMs / warm.services300.totalMs).toFixed(2)}× warm (the parse: ${(warm.services3000.parseMs / warm.services300.parseMs).toFixed(2)}×)`,
        pass: scaleRatio <= 11,
      },
      {
        name: `language server: the analysis per keystroke ≤ 1.5× the warm parse of the document (${SCALE_LSP.toLocaleString('en-US')} services, in-process)`,
        value: `${(warm.editor1000.totalMs / warm.editor1000.parseMs).toFixed(2)}× (${ms(warm.editor1000.totalMs)} ms vs ${ms(warm.editor1000.parseMs)} ms)`,
        pass: warm.editor1000.totalMs / warm.editor1000.parseMs <= 1.5,
      },
      ...memory.map((m) => ({
        name: `peak memory on the ${m.label} ≤ dclint's`,
        value: `${m.composureMb.toFixed(0)} MB vs ${m.dclintMb.toFixed(0)} MB`,
        pass: m.composureMb <= m.dclintMb,
      })),
    ];
    return { cases, scaling, startup, nodeFloor, floors, warm, memory, targets, scaleRatio, scaleRatioNet };
  };

  // ---- topology (in-process, built @composure/core)
  const runTopology = async () => {
    progress(`topology: ${TOPOLOGY_SERVICES} services, ${TOPOLOGY_NETWORKS} networks (in-process)`);
    const dir = path.join(WORK_DIR, 'topology');
    mkdirSync(dir);
    const r = await measureTopology({ dir, runs: RUNS });
    log(`## topology (${r.services.toLocaleString('en-US')} services, ${r.networks} networks; in-process, built @composure/core)`);
    log();
    table(
      ['step', 'median (ms)', 'min–max (ms)', 'ratio to yaml parse'],
      [
        ['`YAML.parseDocument` (baseline)', ms(r.yamlParseDocument.median), `${ms(r.yamlParseDocument.min)}–${ms(r.yamlParseDocument.max)}`, '1.00'],
        [
          "composure's `parseYaml` (located tree)",
          ms(r.composureParseYaml.median),
          `${ms(r.composureParseYaml.min)}–${ms(r.composureParseYaml.max)}`,
          (r.composureParseYaml.median / r.yamlParseDocument.median).toFixed(2),
        ],
        [
          '`loadProject` (parse → canonical model)',
          ms(r.loadProject.median),
          `${ms(r.loadProject.min)}–${ms(r.loadProject.max)}`,
          (r.loadProject.median / r.yamlParseDocument.median).toFixed(2),
        ],
        [
          '`buildTopology` (membership, ingress, egress, graph, the full reach list)',
          ms(r.buildTopology.median),
          `${ms(r.buildTopology.min)}–${ms(r.buildTopology.max)}`,
          `**${r.ratioToParse.toFixed(2)}**`,
        ],
      ],
      ['l', 'r', 'r', 'r'],
    );
    log();
    log(
      `Input: ${bytes(r.bytes)}, ${r.lines.toLocaleString('en-US')} lines; ${r.shape.internalNetworks} internal networks, ${r.shape.memberships.toLocaleString('en-US')} attachments ` +
        `(largest network ${r.shape.largestNetwork} members), ${r.shape.directReach.toLocaleString('en-US')} direct reaches, ${r.shape.ingress} bound ports, ${r.shape.egress} services with egress. ` +
        `${WARM_UPS} warm-up rounds + median of ${Math.max(RUNS, WARM_SAMPLES)}, performance.now() around each call; buildTopology runs on one loaded project (uncached). ` +
        `buildTopology is ${(r.ratioToLoad * 100).toFixed(0)}% of loadProject.`,
    );
    log();
    return r;
  };
  const topologyTarget = (r) => ({
    name: `topology adds ≤ ${TOPOLOGY_TARGET * 100}% of the parse time (${r.services.toLocaleString('en-US')} services, ${r.networks} networks)`,
    value: `buildTopology ${ms(r.buildTopology.median)} ms = ${(r.ratioToParse * 100).toFixed(0)}% of YAML.parseDocument ${ms(r.yamlParseDocument.median)} ms`,
    pass: r.pass,
  });

  // ---- language server: didChange → publishDiagnostics against a cold lint (bench/lsp.mjs)
  const runLsp = async () => {
    progress(`language server: ${SCALE_LSP} services`);
    const r = await measureLspLatency({ services: SCALE_LSP, runs: RUNS, coldRuns: Math.min(RUNS, 5) });
    log(r.report[0].replace(/^# /, '## '));
    for (const line of r.report.slice(1)) log(line);
    log();
    return r;
  };
  const lspTarget = (r) => ({
    name: `language server: didChange → diagnostics ≤ 1.0× a cold lint (${r.services.toLocaleString('en-US')} services)`,
    value: `${ms(r.editMs)} ms vs ${ms(r.coldMs)} ms = ${r.ratio.toFixed(2)}×`,
    pass: r.ratio <= 1,
  });

  if (options.phases) return runPhases();
  const peers = ONLY_TOPOLOGY ? undefined : runPeers();
  const topology = await runTopology();
  const lsp = peers ? await runLsp() : undefined;
  const targets = [...(peers?.targets ?? []), topologyTarget(topology), ...(lsp ? [lspTarget(lsp)] : [])];
  if (peers) {
    // Everything on one table: each measure against what it is compared with.
    log('## summary');
    log();
    table(
      ['measure', 'composure (ms)', 'compared with', '(ms)', 'ratio'],
      [
        ...peers.cases
          .filter((c) => c.dclint)
          .map((c) => [c.label, ms(c.composure.median), 'dclint', ms(c.dclint.median), `${(c.dclint.median / c.composure.median).toFixed(2)}× faster`]),
        ...peers.scaling.map((s) => [
          `lint, ${s.services.toLocaleString('en-US')} services`,
          ms(s.composure.median),
          '`yaml` parse of the file',
          ms(s.yamlParseDocument.median),
          `${(s.composure.median / s.yamlParseDocument.median).toFixed(1)}× the parse`,
        ]),
        [
          `topology, ${topology.services.toLocaleString('en-US')} services`,
          ms(topology.buildTopology.median),
          '`yaml` parse of the file',
          ms(topology.yamlParseDocument.median),
          `${topology.ratioToParse.toFixed(2)}× the parse`,
        ],
        [
          `language server: didChange → diagnostics, ${lsp.services.toLocaleString('en-US')} services`,
          ms(lsp.editMs),
          'cold `composure lint`',
          ms(lsp.coldMs),
          `${lsp.ratio.toFixed(2)}×`,
        ],
      ],
      ['l', 'r', 'l', 'r', 'r'],
    );
    log();
  }
  const loadEnd = os.loadavg();
  log('## targets');
  log();
  for (const t of targets) log(`- ${check(t.pass)} ${t.name}: ${t.value}`);
  log();

  if (peers && options.verbose) {
    const { cases, scaling } = peers;
    log('## finding counts by rule');
    log();
    for (const c of cases.filter((c) => c.counts)) {
      log(`- ${c.label}: composure ${JSON.stringify(c.counts.composure.byRule)}; dclint ${JSON.stringify(c.counts.dclint.byRule)}`);
    }
    for (const s of scaling) log(`- ${s.services} services: composure ${JSON.stringify(s.counts.byRule)}`);
    log();
  }

  const topologyResult = {
    ...topology,
    generatedAt: new Date().toISOString(),
    command,
    runs: RUNS,
    method:
      'in-process: performance.now() around YAML.parseDocument(text, { uniqueKeys: false }), parseYaml, loadProject and buildTopology of @composure/core (packages/core/dist); 1 warm-up then median of runs',
    loadAverage: { start: loadStart.map((x) => round(x, 2)), end: loadEnd.map((x) => round(x, 2)) },
  };
  const resultsPath = path.join(BENCH_DIR, 'results.json');
  if (!peers) {
    // --only topology: update the topology entry of the last full run's results, keep the rest.
    let previous = {};
    if (existsSync(resultsPath)) {
      try {
        previous = JSON.parse(readFileSync(resultsPath, 'utf8'));
      } catch {
        previous = {};
      }
    }
    const kept = (previous.targets ?? []).filter((t) => !t.name.startsWith('topology '));
    writeFileSync(
      resultsPath,
      JSON.stringify(
        { ...previous, topology: { ...topologyResult, machine, report: lines.join('\n') }, targets: [...kept, topologyTarget(topology)] },
        null,
        2,
      ) + '\n',
    );
    log(`load average at end: ${loadEnd.map((x) => x.toFixed(2)).join(' ')}`);
    log(`topology results written to ${path.relative(process.cwd(), resultsPath)} (other entries kept from the last full run)`);
    return;
  }
  const { cases, scaling, startup, nodeFloor, floors, warm, memory, scaleRatio, scaleRatioNet } = peers;

  const results = {
    generatedAt: new Date().toISOString(),
    command,
    runs: RUNS,
    quick: options.quick,
    machine,
    versions: { composure: composureVersion, composureGit: gitDescribe(), dclint: DCLINT.version, yaml: YAML_VERSION },
    method:
      'whole-process wall time via spawnSync(process.execPath, [script, ...args]), stdio ignored, cwd = temp dir; 1 warm-up then median of runs. yaml parse: in-process performance.now() around YAML.parseDocument, 1 warm-up then median.',
    cases: cases.map(({ id, label, composureArgs, dclintArgs, composure, dclint, counts, target }) => ({
      id,
      label,
      composureCommand: `composure ${composureArgs.join(' ')}`,
      dclintCommand: `dclint ${dclintArgs.join(' ')}`,
      composure,
      dclint,
      ratio: round(dclint.median / composure.median, 3),
      target: target ?? null,
      pass: target ? dclint.median / composure.median >= target : null,
      counts,
    })),
    scaling: scaling.map((s) => ({
      services: s.services,
      bytes: s.bytes,
      lines: s.lines,
      composure: s.composure,
      yamlParseDocument: s.yamlParseDocument,
      yamlParse: s.yamlParse,
      yamlFreshProcess: s.yamlProcess,
      ratioToFreshProcess: round(s.composure.median / s.yamlProcess.median, 3),
      ratioToParse: round(s.composure.median / s.yamlParseDocument.median, 3),
      counts: s.counts,
    })),
    scaling3000over300: { ratio: round(scaleRatio, 3), netOfStartup: round(scaleRatioNet, 3), target: 12, pass: scaleRatio <= 12 },
    startupMs: startup,
    nodeEmptyProcess: nodeFloor,
    floors,
    warm: Object.fromEntries(Object.entries(warm).map(([id, { samples: _s, parseSamples: _p, ...rest }]) => [id, rest])),
    memory,
    loadAverage: { start: loadStart.map((x) => round(x, 2)), end: loadEnd.map((x) => round(x, 2)) },
    topology: topologyResult,
    languageServer: lsp && {
      services: lsp.services,
      lines: lsp.lines,
      coldLintMs: round(lsp.coldMs, 1),
      didOpenMs: round(lsp.openMs, 1),
      didChangeToDiagnosticsMs: round(lsp.editMs, 1),
      debounceMs: lsp.debounceMs,
      ratio: round(lsp.ratio, 3),
    },
    targets,
    report: lines.join('\n'),
  };
  writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');
  log(`load average at end: ${loadEnd.map((x) => x.toFixed(2)).join(' ')}`);
  log(`results written to ${path.relative(process.cwd(), resultsPath)}`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
