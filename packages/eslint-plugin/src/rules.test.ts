/**
 * Every composure rule under ESLint's own RuleTester, driven by the rule's fixtures
 * (rules/src/<id>/fixtures, the format of rules/src/testing/run-fixtures.ts): valid cases give
 * no report, invalid cases exactly the errors of `<case>.errors.json` (message id, data and range; the
 * RuleTester compares 1-based columns, as ESLint prints them), and `<case>.output.yaml` is what
 * ESLint's fixer makes of the case.
 *
 * Left out, and counted below: directory cases (a project of several files: RuleTester lints one
 * text) and cases whose expected errors lie in another file than the case's own (an override,
 * .env): ESLint reports those when that file is linted, which the end-to-end test covers.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter, RuleTester } from 'eslint';
import yml from 'eslint-plugin-yml';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryHost, nodeHost, SourceFile, type AnyRule } from '@composure/core';
import { rules } from '@composure/rules';
import { applyFixes } from '../../core/src/fix/apply.js';
import { errorsFileOf, fixtureCases, outputOf, type ExpectedError } from '../../../rules/src/testing/run-fixtures.js';
import { ruleSession, valueOf } from '../../../rules/src/testing/session.js';
import plugin from './index.js';
import { TEXT_MESSAGE_ID } from './rules.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const rulesDir = fileURLToPath(new URL('../../../rules/src/', import.meta.url));

/** RuleTester on the yml language; fixtures run with an empty environment, as rules/src's own fixture tests. */
const tester = new RuleTester({
  plugins: { yml: yml as never, composure: plugin as never },
  language: 'yml/yaml',
  settings: { composure: { env: {} } },
});

/** ESLint's multi-pass fixer (up to 10 passes, as composure's), for outputs one pass does not reach. */
function fixedByEslint(ruleId: string, code: string, filename: string): string {
  const linter = new Linter({ configType: 'flat' });
  const config = [
    {
      files: ['**/*.{yaml,yml}'],
      plugins: { yml: yml as never, composure: plugin as never },
      language: 'yml/yaml',
      settings: { composure: { env: {} } },
      rules: { [`composure/${ruleId}`]: 'error' as const },
    },
  ];
  return linter.verifyAndFix(code, config, { filename }).output;
}

const counts = { valid: 0, invalid: 0, fixed: 0, skippedDirectories: 0, skippedOtherFile: 0, parserRejected: 0 };

/** ESLint's fatal parsing error on a text (the yml parser rejects it before any rule runs), if any. */
function fatalParsingError(code: string, filename: string): string | undefined {
  const linter = new Linter({ configType: 'flat' });
  const config = [{ files: ['**/*.{yaml,yml}'], plugins: { yml: yml as never }, language: 'yml/yaml' }];
  return linter.verify(code, config, { filename }).find((m) => m.fatal)?.message;
}

for (const rule of rules) {
  const id = rule.meta.id;
  const root = join(rulesDir, id, 'fixtures');
  const valid: RuleTester.ValidTestCase[] = [];
  const invalid: RuleTester.InvalidTestCase[] = [];
  /** Invalid cases whose output takes ESLint more than one pass: checked with Linter#verifyAndFix below. */
  const multiPass: { name: string; code: string; filename: string; output: string }[] = [];
  /** Invalid cases ESLint's YAML parser rejects: a fatal parsing error, not a rule's report. */
  const parserRejected: { name: string; fatal: string }[] = [];

  for (const path of fixtureCases(join(root, 'valid'))) {
    if (statSync(path).isDirectory()) {
      counts.skippedDirectories++;
      continue;
    }
    valid.push({ name: `valid: ${basename(path)}`, code: readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), filename: path });
    counts.valid++;
  }
  for (const path of fixtureCases(join(root, 'invalid'))) {
    if (statSync(path).isDirectory()) {
      counts.skippedDirectories++;
      continue;
    }
    const expected = JSON.parse(readFileSync(errorsFileOf(path), 'utf8')) as ExpectedError[];
    if (expected.some((e) => e.file !== undefined && e.file !== basename(path))) {
      counts.skippedOtherFile++;
      continue;
    }
    const code = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    const fatal = fatalParsingError(code, path);
    if (fatal) {
      // YAML ESLint's parser rejects never reaches a rule: ESLint reports it as a fatal parsing error.
      parserRejected.push({ name: basename(path), fatal });
      counts.parserRejected++;
      continue;
    }
    const outputFile = outputOf(path);
    const output = outputFile === undefined ? undefined : readFileSync(outputFile, 'utf8').replace(/^\uFEFF/, '');
    // By message id and data, as rules/src's runner compares them (ESLint renders the data into the rule's message); yaml-syntax's and compose-schema's by their text.
    const errors = expected.map(({ messageId, data, message, line, column, endLine, endColumn, suggestions }) => ({
      ...(messageId !== undefined ? { messageId, ...(data !== undefined ? { data } : {}) } : { message }),
      line,
      column,
      endLine,
      endColumn,
      // The fixture's suggestions, each as the text ESLint's suggestion gives (RuleTester applies it alone).
      ...(suggestions
        ? {
            suggestions: suggestions.map((s) => ({
              ...(s.messageId !== undefined ? { messageId: s.messageId, data: s.data } : { messageId: TEXT_MESSAGE_ID, data: { message: s.message! } }),
              output: withEdits(code, s.edits),
            })),
          }
        : {}),
    }));
    const testCase: RuleTester.InvalidTestCase = { name: `invalid: ${basename(path)}`, code, filename: path, errors };
    if (rule.meta.fixable) {
      // RuleTester compares one pass of ESLint's fixer: it must equal one pass of composure's.
      const onePass = fixedByComposureOnePass(rule, code, path);
      testCase.output = output !== undefined && onePass === output ? output : onePass;
      // The case's output is reached after several passes: ESLint's multi-pass fixer must reach it too.
      if (output !== undefined && onePass !== output) multiPass.push({ name: basename(path), code, filename: path, output });
      if (output !== undefined) counts.fixed++;
    }
    invalid.push(testCase);
    counts.invalid++;
  }

  describe(`composure/${id}`, () => {
    it('has fixtures RuleTester runs', () => {
      expect(valid.length + invalid.length).toBeGreaterThan(0);
    });
    it("declares the rule's messages as ESLint meta.messages, and the text message no rule declares", () => {
      expect(plugin.rules[id].meta?.messages).toEqual({ ...rule.meta.messages, [TEXT_MESSAGE_ID]: '{{message}}' });
      expect(Object.hasOwn(rule.meta.messages, TEXT_MESSAGE_ID)).toBe(false);
    });
    tester.run(id, plugin.rules[id], { valid, invalid });
    for (const c of parserRejected) {
      it(`invalid, rejected by the YAML parser (a fatal parsing error): ${c.name}`, () => {
        expect(id).toBe('yaml-syntax');
        expect(c.fatal).toMatch(/^Parsing error: /);
      });
    }
    for (const c of multiPass) {
      it(`fix (several passes): ${c.name}`, () => {
        expect(fixedByEslint(id, c.code, c.filename)).toBe(c.output);
      });
    }
  });
}

/** A text with a fixture suggestion's edits applied (1-based lines and columns, ends exclusive). */
function withEdits(code: string, edits: NonNullable<ExpectedError['suggestions']>[number]['edits']): string {
  const file = new SourceFile('', code);
  const offset = (line: number, column: number) => file.lineStart(line) + column - 1;
  return applyFixes(code, [{ edits: edits.map((e) => ({ start: offset(e.line, e.column), end: offset(e.endLine, e.endColumn), text: e.text })) }]).text;
}

/**
 * What composure's own fixer (core's applyFixes, one pass) makes of a case with the rule's fixes:
 * the oracle for RuleTester's `output`, which is one pass of ESLint's fixer. Null when nothing changes.
 */
function fixedByComposureOnePass(rule: AnyRule, code: string, path: string): string | null {
  const { findings } = valueOf(ruleSession([], { cwd: dirname(path), host: memoryHost({ [path]: code }, nodeHost) }).analyze({ kind: 'files', files: [path] }));
  const fixes = findings.filter((f) => f.ruleId === rule.meta.id && f.file === path && !f.suppressed && f.fix).map((f) => f.fix!);
  const { text } = applyFixes(code, fixes);
  return text === code ? null : text;
}

describe('fixture coverage', () => {
  it('runs every single-file case; skips directory cases and cases with errors in other files', () => {
    expect(counts.valid + counts.invalid).toBeGreaterThan(300);
  });
  afterAll(() => {
    console.log(
      `RuleTester fixtures: ${counts.valid} valid, ${counts.invalid} invalid (${counts.fixed} with an output) run; skipped ${counts.skippedDirectories} directory cases, ${counts.skippedOtherFile} cases with errors in another file, ${counts.parserRejected} cases ESLint's parser rejects`,
    );
  });
});
