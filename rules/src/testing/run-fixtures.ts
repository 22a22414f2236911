import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyFixes, memoryHost, nodeHost, SourceFile, type AnyRule, type Host, type Suggestion } from '@composure/core';
import { actualView, errorsFileOf, expectedView, formatExpected, readExpected, type CaseFinding, type ExpectedSuggestion } from './expected-errors.js';
import { caseProject, ruleSession, valueOf } from './session.js';
import { rewriteOutput, UPDATING } from './update-fixtures.js';

export { errorsFileOf, expectedMessage, type ExpectedError } from './expected-errors.js';

/** A case is a single YAML file, or a directory holding a project (override files, .env, extends targets). */
export function fixtureCases(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => (/\.ya?ml$/.test(name) && !name.includes('.output.')) || (statSync(join(dir, name)).isDirectory() && !name.endsWith('.output')))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Where an invalid case keeps what fixing it with its rule's fixes gives: `<case>.output.yaml`
 * beside a file case (the whole file), `<case>.output/` beside a directory case (each file the
 * fix changes, at its path in the case; files not there must stay unchanged). Undefined when
 * the case has none.
 */
export function outputOf(casePath: string): string | undefined {
  const isDir = statSync(casePath).isDirectory();
  const output = isDir ? `${casePath}.output` : casePath.replace(/\.(ya?ml)$/, '.output.$1');
  return existsSync(output) ? output : undefined;
}

/**
 * A case's session and project, and the directory its files are named relative to: the catalogue
 * and the rule, every rule on (a fixture may still configure it with x-composure).
 */
function caseSession(rule: AnyRule, path: string, host?: Host) {
  const { project, cwd } = caseProject(path);
  return { session: ruleSession([rule], { cwd, host }), project, base: cwd };
}

/** Fixes a case in memory with the rule's fixes only: each changed file by its path relative to the case. */
export function fixCase(rule: AnyRule, path: string, texts: Record<string, string> = {}) {
  const { session, project, base } = caseSession(rule, path, memoryHost(texts, nodeHost));
  const result = valueOf(session.fix(project, { rules: (id) => id === rule.meta.id }));
  const changed = Object.fromEntries(result.changes.map((c) => [relative(base, c.path), c.fixed]));
  const absolute = Object.fromEntries(result.changes.map((c) => [c.path, c.fixed]));
  return { changed, absolute, findings: result.findings.filter((f) => f.ruleId === rule.meta.id) };
}

/** The expected texts of an output: `{ relative path: text }`. */
function expectedOutput(casePath: string, output: string): Record<string, string> {
  if (!statSync(output).isDirectory()) return { [basename(casePath)]: readFileSync(output, 'utf8') };
  const expected: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else expected[relative(output, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(output);
  return expected;
}

/**
 * A workspace case (`fixtures/workspace/{valid,invalid}/<case>/`): a host whose subdirectories
 * are its projects, analysed as one (composure lint --workspace), with the case's .composure.yaml
 * as the workspace's configuration when it has one.
 */
function workspaceFindings(rule: AnyRule, path: string) {
  const projects = readdirSync(path)
    .sort()
    .map((name) => join(path, name))
    .filter((dir) => statSync(dir).isDirectory())
    .map((directory) => ({ kind: 'directory' as const, directory }));
  const result = ruleSession([rule], { cwd: path }).analyzeWorkspace(projects);
  for (const project of result.projects) valueOf(project);
  return valueOf(result.workspace).findings;
}

function lintCase(rule: AnyRule, path: string, workspace = false): CaseFinding[] {
  const { session, project, base } = caseSession(rule, path);
  const findings = workspace ? workspaceFindings(rule, path) : valueOf(session.analyze(project)).findings;
  return findings
    .filter((f) => f.ruleId === rule.meta.id)
    .map((f) => ({
      ...(f.messageId !== undefined ? { messageId: f.messageId } : {}),
      ...(f.data !== undefined ? { data: { ...f.data } } : {}),
      message: f.message,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      severity: f.severity,
      file: relative(base, f.file),
      ...(f.suggestions?.length ? { suggestions: f.suggestions.map((s) => suggestionView(s, f.file)) } : {}),
    }));
}

/** A suggestion as a fixture lists it: message id and data, each edit by line and column of the finding's file. */
function suggestionView(suggestion: Suggestion, file: string): ExpectedSuggestion {
  const source = new SourceFile(file, readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  return {
    ...(suggestion.messageId !== undefined ? { messageId: suggestion.messageId } : { message: suggestion.message }),
    ...(suggestion.data !== undefined ? { data: { ...suggestion.data } } : {}),
    edits: suggestion.fix.edits.map((e) => ({ ...source.span(e.start, e.end), text: e.text })),
  };
}

/** Update mode: an invalid case's expected findings, and its fix output if it has one, rewritten from what the rule does now. */
function updateCase(rule: AnyRule, path: string, main: string | undefined, workspace = false): void {
  writeFileSync(errorsFileOf(path), formatExpected(rule, lintCase(rule, path, workspace), main));
  if (workspace) return;
  const output = outputOf(path);
  if (output) rewriteOutput(output, fixCase(rule, path).changed);
}

/**
 * Fixture-driven tests for one rule, as eslint-plugin-yml does them:
 * `fixtures/valid/*` must give no finding of the rule, `fixtures/invalid/*` exactly
 * the findings listed in the case's `.errors.json` (message id, data and exact range; see
 * expected-errors.ts).
 * Fixtures run under the `all` preset (via x-composure or .composure.yaml only when they say so)
 * and with an empty process environment.
 *
 * An invalid case with an output (see `outputOf`) is fixed too, with this rule's fixes only:
 * the fixed files must equal the output whole, lint with no finding of the rule, and fixing
 * them again must change nothing.
 *
 * With UPDATE_FIXTURES=1, invalid cases' expected findings and outputs are first rewritten from
 * what the rule does now (see update-fixtures.ts).
 */
export function runFixtures(rule: AnyRule, testFileUrl: string): void {
  const root = join(dirname(fileURLToPath(testFileUrl)), 'fixtures');
  describe(rule.meta.id, () => {
    const valid = fixtureCases(join(root, 'valid'));
    const invalid = fixtureCases(join(root, 'invalid'));
    const workspaceValid = fixtureCases(join(root, 'workspace', 'valid'));
    const workspaceInvalid = fixtureCases(join(root, 'workspace', 'invalid'));
    it('has valid and invalid fixtures', () => {
      expect(valid.length).toBeGreaterThan(0);
      expect(invalid.length + workspaceInvalid.length).toBeGreaterThan(0);
      if (rule.checkWorkspace)
        expect(workspaceValid.length * workspaceInvalid.length, 'a workspace rule has workspace cases, valid and invalid').toBeGreaterThan(0);
    });
    for (const path of workspaceValid) {
      it(`workspace valid: ${basename(path)}`, () => {
        expect(lintCase(rule, path, true)).toEqual([]);
      });
    }
    for (const path of workspaceInvalid) {
      if (UPDATING) updateCase(rule, path, undefined, true);
      it(`workspace invalid: ${basename(path)}`, () => {
        const expected = readExpected(path);
        const actual = lintCase(rule, path, true);
        expect(actual.map((f, i) => actualView(f, expected[i]))).toEqual(expected.map((e) => expectedView(rule, e, undefined)));
      });
    }
    for (const path of valid) {
      it(`valid: ${basename(path)}`, () => {
        expect(lintCase(rule, path)).toEqual([]);
      });
    }
    for (const path of invalid) {
      const main = statSync(path).isDirectory() ? undefined : basename(path);
      // Rewritten while the tests are collected, so that the tests below check what was written.
      if (UPDATING) updateCase(rule, path, main);
      it(`invalid: ${basename(path)}`, () => {
        const expected = readExpected(path);
        const actual = lintCase(rule, path);
        expect(actual.map((f, i) => actualView(f, expected[i]))).toEqual(expected.map((e) => expectedView(rule, e, main)));
      });
      if (rule.meta.hasSuggestions)
        it(`suggestions: ${basename(path)}`, () => {
          // Each suggestion, applied alone, leaves YAML that parses and one finding of its kind fewer.
          const { session, project } = caseSession(rule, path);
          const { findings } = valueOf(session.analyze(project));
          const own = findings.filter((f) => f.ruleId === rule.meta.id);
          for (const finding of own) {
            for (const suggestion of finding.suggestions ?? []) {
              const text = readFileSync(finding.file, 'utf8');
              const applied = applyFixes(text, [suggestion.fix]);
              expect(applied.applied, `${suggestion.message} applies`).toBe(1);
              const after = caseSession(rule, path, memoryHost({ [finding.file]: applied.text }, nodeHost));
              const again = valueOf(after.session.analyze(after.project)).findings;
              expect(
                again.filter((f) => f.ruleId === 'yaml-syntax').map((f) => f.message),
                `${suggestion.message}: YAML errors`,
              ).toEqual([]);
              const same = (f: { ruleId: string; messageId?: string }) => f.ruleId === rule.meta.id && f.messageId === finding.messageId;
              expect(again.filter(same).length, `${suggestion.message}: findings left`).toBe(own.filter(same).length - 1);
            }
          }
        });
      const output = outputOf(path);
      if (output) {
        it(`fix: ${basename(path)}`, () => {
          expect(rule.meta.fixable, `${basename(output)} exists, but ${rule.meta.id} is not fixable`).toBe(true);
          const fixed = fixCase(rule, path);
          expect(fixed.changed, `fixing ${basename(path)}`).toEqual(expectedOutput(path, output));
          expect(
            fixed.findings.map((f) => `${f.line}:${f.column} ${f.message}`),
            'findings left after the fix',
          ).toEqual([]);
          expect(fixCase(rule, path, fixed.absolute).changed, 'fixing the fixed files again').toEqual({});
        });
      }
    }
  });
}
