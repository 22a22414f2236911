/**
 * Peak memory (resident set size) of composure and dclint on the same large files: the
 * 3,000-service file of bench/run.mjs and the 10 MB file of bench/hostile.mjs. Each tool is a
 * whole process with test/support/rss-probe.cjs preloaded (`--require`), which writes
 * `process.resourceUsage().maxRSS` at exit; no V8 heap cap, default output. One run each by
 * default (dclint takes minutes on the 10 MB file); with `runs`, the highest is kept.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CASES, CLI, PROBE } from './hostile.mjs';

function peakRssMb(script, args, cwd, env) {
  const file = path.join(cwd, '.rss-probe');
  rmSync(file, { force: true });
  const result = spawnSync(process.execPath, ['--require', PROBE, script, ...args], { cwd, env: { ...env, RSS_PROBE_FILE: file }, stdio: 'ignore' });
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`node ${path.basename(script)} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  return JSON.parse(readFileSync(file, 'utf8')).maxRSS / 1024;
}

/** [{ label, composureMb, dclintMb }] for the 3,000-service file (`file3000`, absolute) and the 10 MB file. */
export function measureMemory({ workDir, file3000, dclint, env, runs = 1 }) {
  const tenMbDir = path.join(workDir, 'ten-mb');
  mkdirSync(tenMbDir, { recursive: true });
  CASES.find((c) => c.id === 'ten-mb').setup(tenMbDir);
  const inputs = [
    { label: '3,000-service file', cwd: path.dirname(file3000), file: path.basename(file3000) },
    { label: '10 MB file (bench/hostile.mjs `ten-mb`)', cwd: tenMbDir, file: 'compose.yaml' },
  ];
  return inputs.map(({ label, cwd, file }) => {
    const composure = [];
    const peer = [];
    for (let i = 0; i < runs; i++) {
      composure.push(peakRssMb(CLI, ['lint', file], cwd, env));
      peer.push(peakRssMb(dclint, [file], cwd, env));
    }
    return { label, composureMb: Math.max(...composure), dclintMb: Math.max(...peer) };
  });
}
