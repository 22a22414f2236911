#!/usr/bin/env node
/**
 * The action's lint step: one run writes the SARIF report (never failing on findings, so that
 * the upload step after it always has a report), a second prints the findings as workflow
 * annotations and gives the step its verdict by `failure-threshold`. Outputs `sarif-file`.
 */
import { spawnSync } from 'node:child_process';
import { fail, setOutput } from './outputs.mjs';

const input = (name, fallback = '') => (process.env[`INPUT_${name}`] ?? '').trim() || fallback;
const cli = process.env.COMPOSURE_CLI;
if (!cli) fail('COMPOSURE_CLI is not set: the install step did not run.');
// The diff step runs in diff mode; this one in every other, so it is the one to refuse a mode that does not exist.
const mode = input('MODE', 'lint');
if (mode !== 'lint') fail(`mode must be lint or diff, not "${mode}".`);

const paths = input('PATHS', '.').split(/\s+/);
const sarif = input('SARIF_FILE', 'composure.sarif');
const config = input('CONFIG');
const lint = ['lint', ...paths, ...(config ? ['--config', config] : [])];
const composure = (args, stdio) => spawnSync(process.execPath, [cli, ...args], { stdio });

const report = composure([...lint, '--format', 'sarif', '--output', sarif, '--failure-threshold', 'none'], ['ignore', 'inherit', 'inherit']);
if (report.status !== 0) process.exit(report.status ?? 2); // a usage, configuration or I/O error: the CLI said which
setOutput('sarif-file', sarif);

const annotations = composure([...lint, '--format', 'github', '--failure-threshold', input('FAILURE_THRESHOLD', 'error')], ['ignore', 'inherit', 'inherit']);
process.exit(annotations.status ?? 2);
