/**
 * The GitHub Action's diff mode (`mode: diff`), run as a runner runs it (test/support/run-action.ts)
 * on repositories made here from test/fixtures/diff/connect: the pull request's base from the
 * event payload (fetched when a shallow checkout lacks it), from GITHUB_BASE_REF, or from the
 * `base` input; the Markdown report appended to the job summary; the annotations and the verdict
 * by `fail-on`; one annotation when there is no base to compare with.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeRepository, git } from '../support/git-repo.js';
import { parse } from 'yaml';
import { readAction, runAction } from '../support/run-action.js';
import { assertBuilt, FIXTURES, ROOT, runCli } from '../support/run-cli.js';
import { tempDirForFile } from '../support/temp-dir.js';

const temp = tempDirForFile('composure-action-diff-', assertBuilt);
let counter = 0;
const fresh = (name: string) => join(temp(), `${name}-${++counter}`);
const CONNECT = join(FIXTURES, 'diff/connect');

/** A pull_request event payload whose base is `sha`, and an empty job summary file. */
function pullRequest(sha: string): { GITHUB_EVENT_PATH: string; GITHUB_STEP_SUMMARY: string; GITHUB_BASE_REF: string } {
  const event = fresh('event') + '.json';
  writeFileSync(event, JSON.stringify({ action: 'opened', pull_request: { number: 7, base: { ref: 'main', sha }, head: { ref: 'pr', sha: 'unused' } } }));
  const summary = fresh('summary') + '.md';
  writeFileSync(summary, '');
  return { GITHUB_EVENT_PATH: event, GITHUB_STEP_SUMMARY: summary, GITHUB_BASE_REF: 'main' };
}

const annotations = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('::'));

describe('the action in diff mode', () => {
  it('compares the checkout with the base of the pull request: the Markdown in the job summary, annotations, failing by default', async () => {
    const cwd = changeRepository(fresh('repo'), CONNECT);
    const sha = git(cwd, 'rev-parse', 'base').trim();
    const env = pullRequest(sha);
    const run = runAction({ mode: 'diff' }, { cwd, env });
    expect(run.code).toBe(1);
    const expected = await runCli(['diff', sha, '--format', 'markdown'], { cwd });
    expect(expected.stdout.split('\n')[0]).toBe(`### composure diff: \`${sha}\` → \`work tree\``);
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toBe(expected.stdout);
    expect(annotations(run.stdout).map((line) => /title=composure (\S+)::/.exec(line)?.[1])).toEqual([
      'diff/datastore-reach',
      'diff/violation',
      'diff/egress',
      'diff/network',
    ]);
    expect(annotations(run.stdout)[0]).toMatch(/^::error file=compose\.yaml,line=6,/);
    // Lint mode's step did not run: no SARIF report.
    expect(existsSync(join(cwd, 'composure.sarif'))).toBe(false);
    expect(run.steps.lint).toBeUndefined();
  });

  it('passes with fail-on none, still writing the summary; fail-on network fails on the network alone', () => {
    const cwd = changeRepository(fresh('repo'), CONNECT);
    const env = pullRequest(git(cwd, 'rev-parse', 'base').trim());
    const passing = runAction({ mode: 'diff', 'fail-on': 'none' }, { cwd, env });
    expect(passing.code).toBe(0);
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toContain('```mermaid\nflowchart LR\n');
    expect(annotations(passing.stdout).every((line) => line.startsWith('::notice '))).toBe(true);
    const network = runAction({ mode: 'diff', 'fail-on': 'network' }, { cwd, env: pullRequest(git(cwd, 'rev-parse', 'base').trim()) });
    expect(network.code).toBe(1);
    expect(
      annotations(network.stdout)
        .filter((line) => line.startsWith('::error '))
        .map((line) => /title=composure (\S+)::/.exec(line)?.[1]),
    ).toEqual(['diff/network']);
  });

  it('fetches the base commit a shallow checkout lacks, from origin', () => {
    const source = changeRepository(fresh('source'), CONNECT);
    const sha = git(source, 'rev-parse', 'base').trim();
    const checkout = fresh('checkout');
    // What actions/checkout does on a pull request: one commit, the head, no tags.
    execFileSync('git', ['clone', '--quiet', '--depth=1', '--no-tags', `file://${source}`, checkout]);
    expect(() => git(checkout, 'cat-file', '-e', `${sha}^{commit}`)).toThrow();
    const env = pullRequest(sha);
    const run = runAction({ mode: 'diff' }, { cwd: checkout, env });
    expect(run.code).toBe(1);
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toContain('- ➕ `web` ↔ `db` over `back` **(datastore)**\n');
  });

  it('takes origin/GITHUB_BASE_REF without an event payload, or the base input', () => {
    const source = changeRepository(fresh('source'), CONNECT);
    git(source, 'branch', '--quiet', 'main-line', 'base');
    const checkout = fresh('checkout');
    execFileSync('git', ['clone', '--quiet', `file://${source}`, checkout]);
    const summary = fresh('summary') + '.md';
    const run = runAction({ mode: 'diff' }, { cwd: checkout, env: { GITHUB_BASE_REF: 'main-line', GITHUB_STEP_SUMMARY: summary } });
    expect(run.code).toBe(1);
    expect(readFileSync(summary, 'utf8').split('\n')[0]).toBe('### composure diff: `origin/main-line` → `work tree`');

    const byInput = runAction({ mode: 'diff', base: 'head' }, { cwd: checkout, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(byInput.code).toBe(0);
    expect(readFileSync(summary, 'utf8')).toContain(
      '### composure diff: `head` → `work tree`\n\nNo change to reach, paths to datastores, ingress, egress, policy violations or networks.\n',
    );
  });

  it('says in one annotation that it needs a pull request, and lets the CLI say that a base is unknown', () => {
    const cwd = changeRepository(fresh('repo'), CONNECT);
    const noBase = runAction({ mode: 'diff' }, { cwd });
    expect(noBase.code).toBe(2);
    expect(noBase.stdout).toBe(
      '::error title=composure::diff mode compares a pull request with its base: run it on pull_request events, or give the base input.\n',
    );
    const unknown = runAction({ mode: 'diff', base: 'no-such-branch' }, { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('composure: unknown revision "no-such-branch"');
    const twoProjects = runAction({ mode: 'diff', base: 'base', paths: '. other' }, { cwd });
    expect(twoProjects.code).toBe(2);
    expect(twoProjects.stdout).toBe(
      '::error title=composure::diff mode compares one project (or, with workspace: true, the workspace a configuration lists): paths names 2.\n',
    );
  });
});

describe('the action in diff mode with workspace: true', () => {
  it("compares the workspaces each side's configuration lists", () => {
    const cwd = changeRepository(fresh('repo'), join(FIXTURES, 'diff/workspace'));
    const env = pullRequest(git(cwd, 'rev-parse', 'base').trim());
    const run = runAction({ mode: 'diff', workspace: 'true' }, { cwd, env });
    expect(run.code).toBe(1);
    const summary = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8');
    expect(summary).toContain('- ➕ `blog/ghost` ↔ `billing/db` over `frontend` **(datastore)**\n');
    expect(summary).toContain('`violation` (1): a new policy violation');
    const wrong = runAction({ mode: 'diff', workspace: 'yes' }, { cwd, env });
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe('::error title=composure::workspace must be true or false, not "yes".\n');
  });
});

describe('the workflow example (docs/ci/github-network-diff.yml)', () => {
  const workflow = parse(readFileSync(join(ROOT, 'docs/ci/github-network-diff.yml'), 'utf8')) as {
    on: Record<string, unknown>;
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>;
  };
  const steps = Object.values(workflow.jobs)[0].steps;
  const step = steps.find((s) => s.uses?.startsWith('composure-lint/composure@'))!;

  it('runs on pull requests, after a checkout, this action in diff mode with inputs it declares', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(steps[0].uses).toMatch(/^actions\/checkout@/);
    expect(step.with?.mode).toBe('diff');
    expect(Object.keys(step.with ?? {}).filter((name) => !Object.hasOwn(readAction().inputs, name))).toEqual([]);
  });

  it('on a shallow checkout of a pull request: the summary, and the failure its fail-on asks for', () => {
    const source = changeRepository(fresh('source'), CONNECT);
    const checkout = fresh('checkout');
    execFileSync('git', ['clone', '--quiet', '--depth=1', '--no-tags', `file://${source}`, checkout]);
    const env = pullRequest(git(source, 'rev-parse', 'base').trim());
    const run = runAction(step.with!, { cwd: checkout, env });
    expect(run.code).toBe(1);
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toContain(
      '❌ **Fails on** `datastore-reach` (1): a new reach to a datastore, direct or through other services; `violation` (1): a new policy violation.\n',
    );
  });
});
