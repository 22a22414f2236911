#!/usr/bin/env node
/**
 * The workspace benchmark (issue 17, "Scale"): one Docker host of 50 projects and 1,000
 * services, analysed as one (`composure lint --workspace p00 … p49`) against linting the same
 * projects one by one in one call (`composure lint p00 … p49`: each project alone, no joined
 * topology, no cross-project rules). Target: the workspace under 2× the one-by-one time.
 *
 * The host: p00 is a reverse proxy project that creates the `edge` network; every other project
 * joins it as external with its web front end and keeps an API, workers, a PostgreSQL and a Redis
 * on a network of its own (internal), with a subnet of its own. Every project calls its front
 * end `web`, so `web` collides on `edge` (no-dns-collision reports it in each project), as on
 * real hosts.
 *
 * Whole processes (spawnSync), one warm-up of each, then `--runs N` (default 7) rounds in which
 * the two run alternately so that background load hits both alike; medians. Prints one line per
 * command and the ratio.
 *
 *   npm run build && node bench/workspace.mjs [--runs N] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COMPOSURE = path.join(ROOT, 'packages/cli/dist/composure.js');
const PROJECTS = 50;
const SERVICES_PER_PROJECT = 20;

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 7;
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs expects a whole number above 0');
if (!existsSync(COMPOSURE)) throw new Error(`${COMPOSURE} is missing: run npm run build first`);

/** One project of the host: 20 services. */
function project(i) {
  const name = `p${String(i).padStart(2, '0')}`;
  if (i === 0) {
    const proxies = Array.from({ length: SERVICES_PER_PROJECT }, (_, s) =>
      [`  proxy${s}:`, '    image: traefik:3.1', `    ports: ["${8000 + s}:80"]`, '    networks: [edge]'].join('\n'),
    ).join('\n');
    return `name: ${name}\nservices:\n${proxies}\nnetworks:\n  edge:\n    name: edge\n`;
  }
  const services = [
    '  web:\n    image: registry.example.com/web:1.0\n    networks: [edge, own]',
    ...Array.from({ length: SERVICES_PER_PROJECT - 3 }, (_, s) =>
      [
        `  worker${s}:`,
        '    image: registry.example.com/worker:1.0',
        '    environment:',
        `      DATABASE_URL: postgres://app@db:5432/${name}`,
        '    networks:',
        '      own:',
        `        aliases: [${name}-worker${s}]`,
      ].join('\n'),
    ),
    '  db:\n    image: postgres:17\n    networks: [own]',
    '  cache:\n    image: redis:7\n    networks: [own]',
  ].join('\n');
  const subnet = `10.${100 + Math.floor(i / 250)}.${i % 250}.0/24`;
  return `name: ${name}\nservices:\n${services}\nnetworks:\n  edge:\n    external: true\n  own:\n    internal: true\n    ipam:\n      config:\n        - subnet: ${subnet}\n`;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'composure-bench-workspace-'));
const names = [];
for (let i = 0; i < PROJECTS; i++) {
  const name = `p${String(i).padStart(2, '0')}`;
  mkdirSync(path.join(dir, name));
  writeFileSync(path.join(dir, name, 'compose.yaml'), project(i));
  names.push(name);
}

const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(COMPOSE_|COMPOSURE_)/.test(key) && key !== 'NODE_OPTIONS'));
env.NO_COLOR = '1';
function run(argv, capture = false) {
  const result = spawnSync(process.execPath, [COMPOSURE, ...argv], { cwd: dir, env, stdio: capture ? 'pipe' : 'ignore', encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`composure ${argv.slice(0, 3).join(' ')} … exited with ${result.status}: ${result.stderr}`);
  return result;
}

const oneByOne = ['lint', ...names];
const workspace = ['lint', '--workspace', ...names];
// Untimed: what each reports, to show both analysed the whole host.
const count = (argv) => {
  const reports = JSON.parse(run([...argv, '--format', 'json'], true).stdout);
  const messages = reports.flatMap((r) => r.messages);
  return { files: reports.length, findings: messages.length, crossProject: messages.filter((m) => m.ruleId === 'no-dns-collision').length };
};
const counts = { oneByOne: count(oneByOne), workspace: count(workspace) };

run(oneByOne);
run(workspace);
const samples = { oneByOne: [], workspace: [] };
for (let r = 0; r < RUNS; r++) {
  for (const [key, argv] of Object.entries({ oneByOne, workspace })) {
    const t0 = performance.now();
    run(argv);
    samples[key].push(performance.now() - t0);
  }
}
const a = median(samples.oneByOne);
const b = median(samples.workspace);
console.log(
  `${PROJECTS} projects, ${PROJECTS * SERVICES_PER_PROJECT} services, ${RUNS} runs (medians), ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0].toFixed(2)}`,
);
console.log(`composure lint p00 … p49 (one by one):  ${a.toFixed(0)} ms  (${counts.oneByOne.files} files, ${counts.oneByOne.findings} findings)`);
console.log(
  `composure lint --workspace p00 … p49:    ${b.toFixed(0)} ms  (${counts.workspace.files} files, ${counts.workspace.findings} findings, ${counts.workspace.crossProject} no-dns-collision)`,
);
console.log(`ratio workspace / one by one: ${(b / a).toFixed(2)}× (target < 2×)`);
if (args.includes('--keep')) console.log(`inputs kept in ${dir}`);
else rmSync(dir, { recursive: true, force: true });
