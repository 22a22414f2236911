#!/usr/bin/env node
/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): total sampled time,
 * the top functions by self time, self time per module/package, and the
 * time spent before the first sample inside composure's own code (≈ module
 * loading and compilation).
 *
 *   node --cpu-prof --cpu-prof-dir /tmp/prof packages/cli/dist/composure.js lint FILE
 *   node bench/profile-summary.mjs /tmp/prof/CPU.*.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
let top = 25;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--top') top = Number(args[++i]);
  else files.push(args[i]);
}
if (files.length === 0) {
  process.stderr.write('usage: node bench/profile-summary.mjs PROFILE.cpuprofile... [--top N]\n');
  process.exit(2);
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A short, stable name for a script URL: package + file. */
function moduleOf(url) {
  if (!url) return '(native/vm)';
  if (url.startsWith('node:')) return url;
  let p = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = p.lastIndexOf('node_modules/');
  if (nm >= 0) return p.slice(nm);
  if (p.startsWith(ROOT)) p = path.relative(ROOT, p);
  return p;
}

/** node builtins, a node_modules package, or a workspace package. */
function packageOf(url) {
  if (url.startsWith('node:')) return 'node: builtins (module loader, fs, …)';
  const m = moduleOf(url);
  if (m.startsWith('node_modules/')) {
    const rest = m.slice('node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (m.startsWith('packages/')) return m.split('/').slice(0, 2).join('/');
  if (m.startsWith('rules/')) return 'rules';
  return m;
}

const pad = (s, n) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const ms = (us) => (us / 1000).toFixed(1).padStart(8);

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = profile.endTime - profile.startTime;

  const byFunction = new Map();
  const byModule = new Map();
  const byPackage = new Map();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id);
    const fn = callFrame.functionName || '(anonymous)';
    const where = callFrame.url ? `${moduleOf(callFrame.url)}:${callFrame.lineNumber + 1}` : '';
    const key = where ? `${fn}  ${where}` : fn;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const mod = callFrame.url ? moduleOf(callFrame.url) : fn.startsWith('(') ? fn : '(native/vm)';
    byModule.set(mod, (byModule.get(mod) ?? 0) + us);
    const pkg = callFrame.url ? packageOf(callFrame.url) : fn.startsWith('(') ? fn : '(native/vm)';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }

  // First sample whose stack is inside main() of the CLI: everything before it
  // is process bootstrap + ESM loading/linking/evaluation of the module graph.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inMain = (id) => {
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const { functionName, url } = byId.get(cur).callFrame;
      if (functionName === 'main' && url.endsWith('packages/cli/dist/main.js')) return true;
    }
    return false;
  };
  let t = profile.startTime;
  let firstMain = null;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (inMain(profile.samples[i])) {
      firstMain = t - profile.startTime;
      break;
    }
  }

  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  console.log(`\n=== ${file}`);
  const bundled =
    profile.nodes.some((n) => n.callFrame.url.endsWith('packages/cli/dist/composure.js')) &&
    !profile.nodes.some((n) => n.callFrame.url.endsWith('packages/cli/dist/main.js'));
  const mainNote = bundled
    ? 'n/a (minified bundle: profile bench/unbundled-cli.mjs for names)'
    : firstMain === null
      ? 'never sampled'
      : `${(firstMain / 1000).toFixed(1)} ms`;
  console.log(`profile span ${(total / 1000).toFixed(1)} ms; first sample inside main(): ${mainNote}`);
  console.log(`\n-- self time by package (ms, %)`);
  for (const [k, us] of sorted(byPackage).slice(0, 15)) console.log(`${ms(us)}  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
  console.log(`\n-- self time by module (top 20)`);
  for (const [k, us] of sorted(byModule).slice(0, 20)) console.log(`${ms(us)}  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
  console.log(`\n-- top ${top} functions by self time`);
  for (const [k, us] of sorted(byFunction).slice(0, top)) console.log(`${ms(us)}  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${pad(k, 60)}`);
}
