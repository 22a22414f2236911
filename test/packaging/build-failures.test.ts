/**
 * A failed build says why (scripts/build-runner.mjs, used by scripts/build.mjs and
 * extension/scripts/build.mjs): the step, then the cause in one line, after what tsc, esbuild or
 * a generator printed themselves; exit code 1. Stacks only for errors the build does not expect.
 */
import { chmodSync, cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildError, causeOf, esbuild, runNode, runSteps } from '../../scripts/build-runner.mjs';
import { run } from '../support/npm.js';
import { ROOT } from '../support/run-cli.js';
import { tempDirForFile } from '../support/temp-dir.js';

const temp = tempDirForFile('composure-build-');

/** The error a step throws, for its message. */
function thrown(step: () => unknown): Error {
  try {
    step();
  } catch (error) {
    return error as Error;
  }
  throw new Error('the step did not fail');
}

describe('the cause a failed step prints', () => {
  it('a child process: its exit code or signal, or why it could not start', () => {
    expect(thrown(() => runNode('node -e exit', ['-e', 'process.exit(3)'], ROOT)).message).toBe('node -e exit exited with code 3 (its errors are above)');
    expect(thrown(() => runNode('node -e kill', ['-e', "process.kill(process.pid, 'SIGTERM')"], ROOT)).message).toBe('node -e kill was stopped by SIGTERM');
    expect(thrown(() => runNode('node -e nothing', ['-e', ''], join(temp(), 'no-such-directory'))).message).toBe(
      `cannot run node -e nothing: spawnSync ${process.execPath} ENOENT`,
    );
  });

  it('esbuild: how many errors it printed, for which entry', () => {
    const error = thrown(() =>
      esbuild({ entryPoints: [join(temp(), 'src/missing.ts')], absWorkingDir: temp(), bundle: true, write: false, logLevel: 'silent' }),
    );
    expect(error).toBeInstanceOf(BuildError);
    expect(error.message).toBe('esbuild could not build src/missing.ts: 1 error (above)');
  });

  it('a file system error or a message meant for the user: the message alone; anything else: "internal error" and the stack', () => {
    const missing = join(temp(), 'missing.js');
    expect(causeOf(thrown(() => chmodSync(missing, 0o755)))).toBe(`ENOENT: no such file or directory, chmod '${missing}'`);
    expect(causeOf(new Error('pkg@1.0.0 has no LICENSE'))).toBe('pkg@1.0.0 has no LICENSE');
    const bug = causeOf(thrown(() => (undefined as unknown as { metafile: object }).metafile));
    expect(bug).toMatch(/^internal error: TypeError: Cannot read properties of undefined \(reading 'metafile'\)\n {4}at /);
    expect(causeOf('a string')).toBe('internal error: a string');
  });

  it('runs the steps in order, stops at the first that fails and returns 1 after one line naming it', () => {
    const ran: string[] = [];
    const log: string[] = [];
    const steps = [
      { name: 'first', run: () => ran.push('first') },
      {
        name: 'write the notices',
        run: () => {
          throw new BuildError('no licence for x@1');
        },
      },
      { name: 'never', run: () => ran.push('never') },
    ];
    expect(runSteps('build', steps, (line: string) => log.push(line))).toBe(1);
    expect([ran, log]).toEqual([['first'], ['build failed: write the notices: no licence for x@1']]);
    expect(runSteps('build', steps.slice(0, 1), (line: string) => log.push(line))).toBe(0);
  });
});

describe('the build scripts on broken input (a copy of the repository missing what they need)', () => {
  /** A copy holding the build scripts only; node_modules is the checkout's. */
  function scriptsOnly(name: string): string {
    const copy = join(temp(), name);
    for (const file of [
      'scripts/build.mjs',
      'scripts/build-runner.mjs',
      'scripts/build-cli.mjs',
      'scripts/third-party-notices.mjs',
      'packages/core/scripts/build-version.mjs',
      'extension/scripts/build.mjs',
    ]) {
      mkdirSync(join(copy, file, '..'), { recursive: true });
      cpSync(join(ROOT, file), join(copy, file));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    // No "version": the first step, which generates the version module from it, fails.
    writeFileSync(join(copy, 'package.json'), '{ "type": "module" }\n');
    return copy;
  }

  it('scripts/build.mjs with no version in package.json: the generator says so, the build names the step, exit 1', () => {
    const copy = scriptsOnly('root');
    const result = run(process.execPath, ['scripts/build.mjs'], copy, 1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `build-version: ${join(copy, 'package.json')} has no "version"\n` +
        'build failed: generate the version module: node packages/core/scripts/build-version.mjs exited with code 1 (its errors are above)\n',
    );
  });

  it('scripts/build.mjs without the schema generator: node says what is missing, the build names the step, exit 1', () => {
    const copy = scriptsOnly('no-generator');
    writeFileSync(join(copy, 'package.json'), '{ "type": "module", "version": "1.0.0" }\n');
    const result = run(process.execPath, ['scripts/build.mjs'], copy, 1);
    expect(result.stdout).toBe('build-version: generated version.js (1.0.0)\n');
    expect(result.stderr).toContain(`Cannot find module '${join(copy, 'packages/core/scripts/build-schemas.mjs')}'`);
    expect(
      result.stderr.endsWith('\nbuild failed: compile the schemas: node packages/core/scripts/build-schemas.mjs exited with code 1 (its errors are above)\n'),
    ).toBe(true);
  });

  it('extension/scripts/build.mjs without its tsconfig.json: tsc says so, the build names the step, exit 1', () => {
    const result = run(process.execPath, ['extension/scripts/build.mjs'], scriptsOnly('extension'), 1);
    expect(result.stdout).toContain('error TS5058');
    expect(result.stderr).toBe('extension build failed: type-check: tsc -p extension/tsconfig.json --noEmit exited with code 1 (its errors are above)\n');
  });
});
