/**
 * A program from the system's packages that an end-to-end test drives (nvim, pre-commit). When it
 * is missing the test is skipped, saying so, on a developer's machine; under .ci/run, which
 * installs these tools and sets COMPOSURE_REQUIRE_TOOLS=1, a missing tool fails instead.
 */
import { spawnSync } from 'node:child_process';

/** The tool's `--version` line, or undefined when it is not installed. */
export function systemTool(command: string, test: string, install: string): string | undefined {
  const probe = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if (probe.status === 0) return probe.stdout.split('\n')[0];
  if (process.env.COMPOSURE_REQUIRE_TOOLS === '1') throw new Error(`${test}: \`${command}\` is not installed, and COMPOSURE_REQUIRE_TOOLS=1 (${install})`);
  console.warn(`${test}: skipped — \`${command}\` is not installed (${install} to run it)`);
  return undefined;
}
