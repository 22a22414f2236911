import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze, type AnyRule } from '@composure/core';
import { rules as allRules, validateConfig } from '../index.js';

/** What a fixture's `<case>.errors.json` lists, in order. `file` defaults to the case's main file. */
export interface ExpectedError {
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity?: string;
  file?: string;
}

/** A case is a single YAML file, or a directory holding a project (override files, .env, extends targets). */
export function fixtureCases(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => (/\.ya?ml$/.test(name) && !name.includes('.output.')) || statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => join(dir, name));
}

/** Where an invalid case lists its expected findings: `<case>.errors.json` beside the case file or directory. */
export function errorsFileOf(casePath: string): string {
  return casePath.replace(/\.ya?ml$/, '') + '.errors.json';
}

function lintCase(rule: AnyRule, path: string) {
  const isDir = statSync(path).isDirectory();
  const { findings } = analyze({
    // A rule under construction runs before it is registered.
    rules: allRules.includes(rule) ? allRules : [...allRules, rule],
    validateConfig,
    ...(isDir ? { cwd: path } : { files: [path], cwd: dirname(path) }),
    env: {},
    // Every rule on at its default severity; a fixture may still configure it with x-composure.
    preset: 'all',
  });
  const base = isDir ? path : dirname(path);
  return findings
    .filter((f) => f.ruleId === rule.meta.id)
    .map((f) => ({
      message: f.message,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      severity: f.severity,
      file: relative(base, f.file),
    }));
}

/**
 * Fixture-driven tests for one rule, as eslint-plugin-yml does them:
 * `fixtures/valid/*` must give no finding of the rule, `fixtures/invalid/*` exactly
 * the findings listed in the case's `.errors.json` (message and exact range).
 * Fixtures run under the `all` preset (via x-composure or .composure.yaml only when they say so)
 * and with an empty process environment.
 */
export function runFixtures(rule: AnyRule, testFileUrl: string): void {
  const root = join(dirname(fileURLToPath(testFileUrl)), 'fixtures');
  describe(rule.meta.id, () => {
    const valid = fixtureCases(join(root, 'valid'));
    const invalid = fixtureCases(join(root, 'invalid'));
    it('has valid and invalid fixtures', () => {
      expect(valid.length).toBeGreaterThan(0);
      expect(invalid.length).toBeGreaterThan(0);
    });
    for (const path of valid) {
      it(`valid: ${basename(path)}`, () => {
        expect(lintCase(rule, path)).toEqual([]);
      });
    }
    for (const path of invalid) {
      it(`invalid: ${basename(path)}`, () => {
        const errorsFile = errorsFileOf(path);
        const expected = JSON.parse(readFileSync(errorsFile, 'utf8')) as ExpectedError[];
        const main = statSync(path).isDirectory() ? undefined : basename(path);
        const actual = lintCase(rule, path);
        expect(actual).toEqual(
          expected.map((e) => ({ severity: rule.meta.severity, file: e.file ?? main, ...e })),
        );
      });
    }
  });
}
