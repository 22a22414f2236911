/**
 * npm and npx as a user runs them, for the packaging tests: a child process in a directory,
 * without the npm_* variables of the `npm test` that may be running vitest (npm_config_local_prefix
 * and the like would point the child npm at this repository).
 */
import { spawnSync } from 'node:child_process';

export const NPM_ENV: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter((entry): entry is [string, string] => !/^npm_/i.test(entry[0]) && entry[1] !== undefined),
);

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` in `cwd`; fails with its output when it exits other than `expectCode` (default 0; null: any). */
export function run(command: string, args: string[], cwd: string, expectCode: number | null = 0, timeoutMs = 120_000): Run {
  const result = spawnSync(command, args, { cwd, env: NPM_ENV, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  const done = { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  if (expectCode !== null && done.code !== expectCode) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited ${done.code ?? result.signal ?? result.error?.message}, not ${expectCode}:\n${done.stdout}\n${done.stderr}`,
    );
  }
  return done;
}
