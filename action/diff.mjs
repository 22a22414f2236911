#!/usr/bin/env node
/**
 * The action's diff step (`mode: diff`), for pull requests: `composure diff BASE` of the checkout
 * against the pull request's base commit. One run writes the Markdown report (with the verdict
 * of `fail-on`) to the job summary, a second prints the workflow annotations and gives the step
 * its verdict. BASE is the `base` input, else the base commit of the event's pull
 * request (GITHUB_EVENT_PATH), else origin/GITHUB_BASE_REF; a shallow checkout is deepened by
 * fetching that one commit.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fail } from './outputs.mjs';

const input = (name, fallback = '') => (process.env[`INPUT_${name}`] ?? '').trim() || fallback;
const cli = process.env.COMPOSURE_CLI;
if (!cli) fail('COMPOSURE_CLI is not set: the install step did not run.');

/** The pull request's base commit, from the event that started the workflow. */
function eventBase() {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')).pull_request?.base?.sha || undefined;
  } catch {
    return undefined;
  }
}

const baseRef = (process.env.GITHUB_BASE_REF ?? '').trim();
const base = input('BASE') || eventBase() || (baseRef ? `origin/${baseRef}` : '');
if (!base) fail('diff mode compares a pull request with its base: run it on pull_request events, or give the base input.');

const workspace = input('WORKSPACE', 'false');
if (workspace !== 'true' && workspace !== 'false') fail(`workspace must be true or false, not "${workspace}".`);
const paths = input('PATHS', '.').split(/\s+/);
if (paths.length > 1) fail(`diff mode compares one project (or, with workspace: true, the workspace a configuration lists): paths names ${paths.length}.`);
const project = resolve(paths[0]);
const config = input('CONFIG');

// actions/checkout fetches one commit: fetch the base too when it is missing (a failure is left to the CLI to report).
const git = (args) => spawnSync('git', args, { cwd: project, stdio: 'ignore' });
if (git(['cat-file', '-e', `${base}^{commit}`]).status !== 0) git(['fetch', '--no-tags', '--depth=1', 'origin', base]);

const failOn = input('FAIL_ON');
const diff = [
  'diff',
  base,
  ...(config ? ['--config', resolve(config)] : []),
  ...(failOn ? ['--fail-on', failOn] : []),
  ...(workspace === 'true' ? ['--workspace'] : []),
];
const composure = (args) => spawnSync(process.execPath, [cli, ...args], { cwd: project, stdio: ['ignore', 'inherit', 'inherit'] });

const scratch = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'composure-diff-'));
const markdown = join(scratch, 'diff.md');
let report;
let text;
try {
  report = composure([...diff, '--format', 'markdown', '--output', markdown]);
  text = existsSync(markdown) ? readFileSync(markdown, 'utf8') : undefined;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
// Exit 1 is the verdict, which the report states too; no report is a usage error, an unknown
// revision or a side that does not load, which the CLI said.
if (text === undefined) process.exit(report.status || 2);
if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, text);
else process.stdout.write(text);

const annotations = composure([...diff, '--format', 'github']);
process.exit(annotations.status ?? 2);
