/**
 * The GitHub Action (action.yml at the repository root): its manifest is complete and
 * consistent, and its steps, run as a runner runs them (test/support/run-action.ts) on a
 * copy of examples/three-tier, install composure, write the SARIF report and print the
 * annotations, with the exit code `failure-threshold` asks for.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../support/run-cli.js';
import { expressions, readAction, runAction } from '../support/run-action.js';
import { run } from '../support/npm.js';
import { tempDirForFile } from '../support/temp-dir.js';

const action = readAction();
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const INPUTS = ['mode', 'paths', 'failure-threshold', 'sarif-file', 'config', 'fail-on', 'base', 'workspace', 'version'];

describe('action.yml', () => {
  it('declares its inputs with descriptions and defaults, and one output', () => {
    expect(Object.keys(action.inputs)).toEqual(INPUTS);
    expect(Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, spec.default]))).toEqual({
      mode: 'lint',
      paths: '.',
      'failure-threshold': 'error',
      'sarif-file': 'composure.sarif',
      config: '',
      'fail-on': '',
      base: '',
      workspace: 'false',
      version: '',
    });
    for (const spec of Object.values(action.inputs)) expect(spec.description.length).toBeGreaterThan(20);
    expect(Object.keys(action.outputs)).toEqual(['sarif-file']);
    expect(action.outputs['sarif-file'].value).toBe('${{ steps.lint.outputs.sarif-file }}');
  });

  it('is a composite action whose steps run scripts of this repository and use every input', () => {
    expect(action.runs.using).toBe('composite');
    const scripts = action.runs.steps.map((step) => /^node "\$GITHUB_ACTION_PATH\/(\S+)"$/.exec(step.run)?.[1]);
    expect(scripts).toEqual(['action/install.mjs', 'action/lint.mjs', 'action/diff.mjs']);
    // One of lint and diff runs, by mode.
    expect(action.runs.steps.map((step) => step.if)).toEqual([undefined, "inputs.mode != 'diff'", "inputs.mode == 'diff'"]);
    for (const script of scripts) expect(existsSync(join(ROOT, script!)), script).toBe(true);
    const used = action.runs.steps.flatMap((step) => Object.values(step.env ?? {}).flatMap(expressions));
    expect([...new Set(used.filter((e) => e.startsWith('inputs.')).map((e) => e.slice(7)))].sort()).toEqual([...INPUTS].sort());
    // Inputs reach the scripts through env only: an expression inside `run` would be shell injection.
    for (const step of action.runs.steps) expect(expressions(step.run)).toEqual([]);
  });
});

describe('the action run on a project', () => {
  const temp = tempDirForFile('composure-action-');
  const project = () => {
    const dir = join(temp(), `project-${Math.random().toString(36).slice(2)}`);
    cpSync(join(ROOT, 'examples/three-tier'), dir, { recursive: true });
    return dir;
  };

  it('builds nothing when this checkout is built, writes SARIF and annotations, and fails on errors', () => {
    const cwd = project();
    const run = runAction({}, { cwd });
    expect(run.steps.install).toEqual({ cli: CLI });
    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({ 'sarif-file': 'composure.sarif' });
    const sarif = JSON.parse(readFileSync(join(cwd, 'composure.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations).toHaveLength(sarif.runs[0].results.length);
    expect(annotations.filter((line) => line.startsWith('::error ')).map((line) => /title=composure (\S+)::/.exec(line)?.[1])).toEqual([
      'no-duplicate-container-names',
      'no-undefined-network',
    ]);
    expect(annotations[0]).toMatch(/^::warning file=compose\.yaml,line=3,col=1,.*title=composure no-version-field::/);
  });

  it('hands its paths and configuration to the CLI (a missing configuration is a usage error), and passes with failure-threshold none', () => {
    const cwd = project();
    const run = runAction({ 'failure-threshold': 'none', paths: '.', 'sarif-file': 'reports/out.sarif', config: '.composure.yaml' }, { cwd });
    // The configuration does not exist: a usage error, from the SARIF run, before any annotation.
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.composure.yaml');
    expect(run.outputs).toEqual({ 'sarif-file': '' });

    const passing = runAction({ 'failure-threshold': 'none', 'sarif-file': 'out.sarif' }, { cwd });
    expect(passing.code).toBe(0);
    expect(passing.outputs).toEqual({ 'sarif-file': 'out.sarif' });
    expect(JSON.parse(readFileSync(join(cwd, 'out.sarif'), 'utf8')).runs[0].results.length).toBeGreaterThan(10);
  });

  it('installs the CLI package at the version it is given (here the packed CLI) and lints with it', () => {
    const packed = run('npm', ['pack', '-w', 'packages/cli', '--pack-destination', temp(), '--json'], ROOT);
    const tarball = join(temp(), (JSON.parse(packed.stdout) as { filename: string }[])[0].filename);
    const cwd = project();
    const result = runAction({ version: `file:${tarball}`, 'failure-threshold': 'warning' }, { cwd });
    expect(result.steps.install.cli).toMatch(/\/composure-cli\/node_modules\/@composure\/cli\/dist\/composure\.js$/);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').filter((line) => line.startsWith('::')).length).toBe(14);
    expect(JSON.parse(readFileSync(join(cwd, 'composure.sarif'), 'utf8')).runs[0].tool.driver.version).toBe(VERSION);
  }, 120_000);

  it('refuses a mode that does not exist, in one annotation', () => {
    const run = runAction({ mode: 'lnt' }, { cwd: project() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('::error title=composure::mode must be lint or diff, not "lnt".\n');
  });

  it('fails with one annotation when a version cannot be installed, before linting anything', () => {
    const run = runAction({ version: `file:${join(temp(), 'missing.tgz')}` }, { cwd: project() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe(`::error title=composure::could not install @composure/cli@file:${join(temp(), 'missing.tgz')} from npm.\n`);
    expect(run.steps.lint).toBeUndefined();
  });
});

describe('the workflow example (docs/ci/github-actions.yml)', () => {
  interface Step {
    id?: string;
    name?: string;
    uses?: string;
    with?: Record<string, string>;
  }
  const workflow = parse(readFileSync(join(ROOT, 'docs/ci/github-actions.yml'), 'utf8')) as {
    jobs: { composure: { permissions: Record<string, string>; steps: Step[] } };
  };
  const steps = workflow.jobs.composure.steps;
  const temp = tempDirForFile('composure-workflow-');

  it('runs this action with inputs it declares, uploads its SARIF report and dismisses the alerts of suppressed findings', () => {
    const lint = steps.find((s) => s.uses?.startsWith('composure-lint/composure@'));
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    const dismiss = steps.find((s) => s.uses?.startsWith('advanced-security/dismiss-alerts@'));
    expect(Object.keys(lint?.with ?? {}).filter((name) => !INPUTS.includes(name))).toEqual([]);
    expect(upload?.with?.sarif_file).toBe(lint?.with?.['sarif-file']);
    expect(dismiss?.with).toEqual({ 'sarif-id': `\${{ steps.${upload?.id}.outputs.sarif-id }}`, 'sarif-file': lint?.with?.['sarif-file'] });
    expect(workflow.jobs.composure.permissions['security-events']).toBe('write');

    const cwd = join(temp(), 'project');
    cpSync(join(ROOT, 'examples/three-tier'), cwd, { recursive: true });
    const result = runAction(lint!.with!, { cwd });
    expect(result.code).toBe(1);
    expect(existsSync(join(cwd, upload!.with!.sarif_file))).toBe(true);
  });
});
