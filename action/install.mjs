#!/usr/bin/env node
/**
 * The action's install step. With a `version` input, @composure/cli at that version (any npm
 * spec) goes into a private prefix under RUNNER_TEMP; without one, composure is built from the
 * action's own checkout (`npm ci` runs the build), unless it is built there already (a
 * self-hosted runner's second run). Outputs `cli`: the path of the CLI to run with node.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail, setOutput } from './outputs.mjs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19))
  fail(`composure needs Node.js 20.19 or later, this runner has ${process.version}: add actions/setup-node before this action.`);

const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, stdio: ['ignore', 2, 2] });
const version = (process.env.INPUT_VERSION ?? '').trim();

if (version) {
  const prefix = join(process.env.RUNNER_TEMP || tmpdir(), 'composure-cli');
  mkdirSync(prefix, { recursive: true });
  try {
    npm(['install', '--prefix', prefix, `@composure/cli@${version}`], prefix);
  } catch {
    fail(`could not install @composure/cli@${version} from npm.`);
  }
  setOutput('cli', join(prefix, 'node_modules/@composure/cli/dist/composure.js'));
} else {
  const root = process.env.GITHUB_ACTION_PATH || join(dirname(fileURLToPath(import.meta.url)), '..');
  const cli = join(root, 'packages/cli/dist/composure.js');
  if (!existsSync(cli)) {
    try {
      npm(['ci'], root);
    } catch {
      fail(`could not build composure in ${root} (npm ci failed).`);
    }
  }
  setOutput('cli', cli);
}
