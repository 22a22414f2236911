/**
 * The GitHub Action (action.yml at the repository root): its manifest is complete and
 * consistent, and its steps, run as a runner runs them (test/support/run-action.ts) on a
 * copy of examples/three-tier, install composure, write the SARIF report and print the
 * annotations, with the exit code `failure-threshold` asks for.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from './support/run-cli.js';
import { expressions, readAction, runAction } from './support/run-action.js';
import { tempDirForFile } from './support/temp-dir.js';

const action = readAction();
const INPUTS = ['paths', 'failure-threshold', 'sarif-file', 'config', 'version'];

describe('action.yml', () => {
  it('declares its inputs with descriptions and defaults, and one output', () => {
    expect(Object.keys(action.inputs)).toEqual(INPUTS);
    expect(Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, spec.default]))).toEqual({
      paths: '.', 'failure-threshold': 'error', 'sarif-file': 'composure.sarif', config: '', version: '',
    });
    for (const spec of Object.values(action.inputs)) expect(spec.description.length).toBeGreaterThan(20);
    expect(Object.keys(action.outputs)).toEqual(['sarif-file']);
    expect(action.outputs['sarif-file'].value).toBe('${{ steps.lint.outputs.sarif-file }}');
  });

  it('is a composite action whose steps run scripts of this repository and use every input', () => {
    expect(action.runs.using).toBe('composite');
    const scripts = action.runs.steps.map((step) => /^node "\$GITHUB_ACTION_PATH\/(\S+)"$/.exec(step.run)?.[1]);
    expect(scripts).toEqual(['action/install.mjs', 'action/lint.mjs']);
    for (const script of scripts) expect(existsSync(join(ROOT, script!)), script).toBe(true);
    const used = action.runs.steps.flatMap((step) => Object.values(step.env ?? {}).flatMap(expressions));
    expect(used.filter((e) => e.startsWith('inputs.')).map((e) => e.slice(7)).sort()).toEqual([...INPUTS].sort());
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
      'require-healthcheck', 'no-duplicate-container-names', 'no-undefined-network',
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

  it('fails with one annotation when a version cannot be installed, before linting anything', () => {
    const run = runAction({ version: `file:${join(temp(), 'missing.tgz')}` }, { cwd: project() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe(`::error title=composure::could not install @composure/cli@file:${join(temp(), 'missing.tgz')} from npm.\n`);
    expect(run.steps.lint).toBeUndefined();
  });
});
