/**
 * Runs the steps of a build (scripts/build.mjs, extension/scripts/build.mjs) and, when one
 * fails, says why: the step, then the cause in one line. Child processes (tsc, the generators)
 * and esbuild print their own errors first; the cause then names what failed. An error the
 * build does not expect (a bug in a build script) also gets its stack.
 */
import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { buildSync } from 'esbuild';

/** A failure the build explains itself: its message is the whole cause. */
export class BuildError extends Error {}

/** Runs `node ARGS` with the build's standard streams; `name` is how a failure names it. */
export function runNode(name, args, cwd) {
  const result = spawnSync(process.execPath, args, { cwd, stdio: 'inherit' });
  if (result.error) throw new BuildError(`cannot run ${name}: ${result.error.message}`);
  if (result.signal) throw new BuildError(`${name} was stopped by ${result.signal}`);
  if (result.status !== 0) throw new BuildError(`${name} exited with code ${result.status} (its errors are above)`);
}

/** esbuild's buildSync; its errors are logged by esbuild itself (give a logLevel that shows them). */
export function esbuild(options) {
  try {
    return buildSync(options);
  } catch (error) {
    const count = Array.isArray(error?.errors) ? error.errors.length : 0;
    if (count === 0) throw error;
    const entries = options.entryPoints.map((entry) => relative(options.absWorkingDir ?? process.cwd(), entry));
    throw new BuildError(`esbuild could not build ${entries.join(', ')}: ${count} error${count === 1 ? '' : 's'} (above)`);
  }
}

/**
 * The cause of a failure as printed: the message of an error the build means (a BuildError, a
 * file system error such as ENOENT, a plain Error thrown with a message for the user), or
 * "internal error" and the stack of anything else.
 */
export function causeOf(error) {
  if (!(error instanceof Error)) return `internal error: ${String(error)}`;
  if (error instanceof BuildError || typeof error.code === 'string' || error.constructor === Error) return error.message;
  return `internal error: ${error.stack ?? `${error.name}: ${error.message}`}`;
}

/**
 * Runs each `{ name, run }` step in order until one throws; returns the exit code (0, or 1
 * after printing `<label> failed: <step>: <cause>` with `log`).
 */
export function runSteps(label, steps, log = console.error) {
  for (const step of steps) {
    try {
      step.run();
    } catch (error) {
      log(`${label} failed: ${step.name}: ${causeOf(error)}`);
      return 1;
    }
  }
  return 0;
}
