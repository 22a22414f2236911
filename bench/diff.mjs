#!/usr/bin/env node
/**
 * `composure diff` of two git revisions of a 300-service project (the generator of bench/run.mjs,
 * bench/inputs.mjs) against one `composure lint` of the same file: whole processes, one warm-up of
 * each, then N runs alternating (diff, lint, diff, lint…) so that background load hits both
 * alike; medians. Issue 17's target: diff under 2× the lint.
 *
 * The change between the revisions: an application service joins its stack's data network (its
 * PostgreSQL's) and another publishes a port on every interface. Both revisions are read through git (no
 * checkout); the lint runs on the work tree, which holds HEAD.
 *
 * Not part of `npm test`. Needs `npm run build` and git. Usage:
 *   node bench/diff.mjs [--services 300] [--runs 7]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigCompose } from './inputs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COMPOSURE = path.join(ROOT, 'packages/cli/dist/composure.js');

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const SERVICES = option('services', 300);
const RUNS = option('runs', 7);

const CHILD_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(COMPOSE_|COMPOSURE_|GIT_)/.test(key) && key !== 'FORCE_COLOR' && key !== 'NODE_OPTIONS'),
);
CHILD_ENV.NO_COLOR = '1';
const GIT_ENV = {
  ...CHILD_ENV,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@composure.invalid',
};
GIT_ENV.GIT_COMMITTER_NAME = GIT_ENV.GIT_AUTHOR_NAME;
GIT_ENV.GIT_COMMITTER_EMAIL = GIT_ENV.GIT_AUTHOR_EMAIL;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The change: app-0-7 joins stack-0-data (where db-0 is); app-0-2 publishes its port on every interface. */
function changed(text) {
  const joined = text.replace(
    '      stack-0:\n        aliases: [svc-7.stack-0]\n',
    '      stack-0:\n        aliases: [svc-7.stack-0]\n      stack-0-data: {}\n',
  );
  const published = joined.replace('    expose: ["8080"]\n', '    ports: ["18080:8080"]\n');
  if (published === joined || joined === text) throw new Error('bench/diff.mjs: the generated file no longer has the lines the change edits');
  return published;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'composure-bench-diff-'));
try {
  const git = (...args) => execFileSync('git', args, { cwd: dir, env: GIT_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  const file = path.join(dir, 'compose.yaml');
  const base = bigCompose(SERVICES);
  git('init', '--quiet', '--initial-branch=main');
  writeFileSync(file, base);
  git('add', 'compose.yaml');
  git('commit', '--quiet', '-m', 'base');
  git('tag', 'base');
  writeFileSync(file, changed(base));
  git('commit', '--quiet', '--all', '-m', 'head');
  git('tag', 'head');

  const commands = {
    diff: [COMPOSURE, 'diff', 'base', 'head', '--format', 'json'],
    lint: [COMPOSURE, 'lint', 'compose.yaml', '--format', 'json'],
  };
  const run = (name) => {
    const started = performance.now();
    const result = spawnSync(process.execPath, commands[name], { cwd: dir, env: CHILD_ENV, encoding: 'utf8', maxBuffer: 1 << 30 });
    const elapsed = performance.now() - started;
    if (result.status !== 0 && result.status !== 1) throw new Error(`composure ${name} exited with ${result.status}: ${result.stderr.slice(0, 2000)}`);
    return { elapsed, stdout: result.stdout };
  };
  // The diff must have seen the change: the new reaches to db-0 and the new port.
  const report = JSON.parse(run('diff').stdout);
  const reaches = report.reach.added.filter((r) => r.to === 'db-0').length;
  if (reaches === 0 || report.ingress.added.length !== 1)
    throw new Error(`bench/diff.mjs: the diff did not find the change (${JSON.stringify(report).slice(0, 500)})`);
  run('lint');

  const samples = { diff: [], lint: [] };
  for (let i = 0; i < RUNS; i++) for (const name of ['diff', 'lint']) samples[name].push(run(name).elapsed);
  const diff = median(samples.diff);
  const lint = median(samples.lint);
  const ratio = diff / lint;
  const [load] = os.loadavg();
  console.log(
    `composure diff of two revisions of a ${SERVICES}-service project vs one lint of it (${RUNS} runs each, medians; load ${load.toFixed(2)}, ${os.cpus().length} cores)`,
  );
  console.log('');
  console.log('| command | median |');
  console.log('| --- | --- |');
  console.log(`| \`composure diff base head\` | ${diff.toFixed(0)} ms |`);
  console.log(`| \`composure lint compose.yaml\` | ${lint.toFixed(0)} ms |`);
  console.log('');
  console.log(`diff / lint: ${ratio.toFixed(2)}× (target < 2×) ${ratio < 2 ? '✓' : '✗'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
