/**
 * The real `eslint` binary with the BUILT composure plugin, run as a user runs it: in a
 * directory, with a clean environment (PATH only), as runCli runs composure.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './run-cli.js';

export const ESLINT = join(ROOT, 'node_modules/eslint/bin/eslint.js');
export const PLUGIN = join(ROOT, 'packages/eslint-plugin/dist/index.js');
export const YML = join(ROOT, 'node_modules/eslint-plugin-yml/lib/index.mjs');

/** An eslint.config.mjs that imports the built plugin as `composure`, then `body`. */
export const eslintConfig = (body: string) => `import composure from ${JSON.stringify(pathToFileURL(PLUGIN).href)};\n${body}\n`;

export function runEslint(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ESLINT, ...args], { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
