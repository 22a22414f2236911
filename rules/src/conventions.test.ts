/**
 * Holds the rule catalogue to its own conventions, as typescript-eslint does: every rule
 * has its folder (rule, doc page, fixture test, fixtures), a well-formed id and doc page,
 * doc examples that behave as documented, and a row in the rules table of docs/rules.md.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryHost, type AnyRule } from '@composure/core';
import { placeholdersOf, renderMessage } from '../../packages/core/src/lint/messages.js';
import { rules, rulesById } from './index.js';
import { readRulesTable, rulesTable } from './rules-table.js';
import { errorsFileOf, fixtureCases, outputOf, type ExpectedError } from './testing/run-fixtures.js';
import { ruleSession, valueOf } from './testing/session.js';

const SRC = dirname(fileURLToPath(import.meta.url));
const RULES_PAGE = join(SRC, '..', '..', 'docs', 'rules.md');

/** Findings the loader reports; their rules have no check of their own. */
const CORE_IDS = ['yaml-syntax', 'compose-schema', 'interpolation', 'compose-load'];
/** Ids the catalogue (rules/CATALOGUE.md) fixes, kept as peers name them. */
const NAMED_BY_CATALOGUE = [
  'reachability-policy',
  'tmpfs-noexec',
  'service-keys-order',
  'services-alphabetical-order',
  'service-dependencies-alphabetical-order',
  'service-ports-alphabetical-order',
  'top-level-properties-order',
];
/** Core rules whose findings carry no message id: the text is the yaml library's, or composed from schema errors. */
const CORE_IDS_WITHOUT_MESSAGES = ['yaml-syntax', 'compose-schema'];
/**
 * Messages no fixture can give, tested where noted instead: a committed file that cannot be read,
 * a message that names a file by its absolute path (the checkout's), nesting deep enough to
 * exhaust the stack.
 */
const BEYOND_FIXTURES: Record<string, string[]> = {
  'compose-load': ['fileUnreadable', 'envFileUnreadable'], // packages/core/src/load/load-project.test.ts
  interpolation: ['nestedTooDeeply'], // packages/core/src/env/interpolate.test.ts
};
/** Folders under rules/src that are not rules. */
const NOT_RULES = ['testing'];
const DOC_SECTIONS = ['## Why', '## Failing example', '## Passing example', '## Options', '## Peers'];

const ids = rules.map((rule) => rule.meta.id);
const read = (path: string) => readFileSync(path, 'utf8');
const docOf = (id: string) => read(join(SRC, id, `${id}.md`));
const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;

/** The first ```yaml block under a `## heading` of a doc page. */
function example(doc: string, heading: string): string | undefined {
  const start = doc.indexOf(`\n${heading}\n`);
  if (start === -1) return undefined;
  const next = doc.indexOf('\n## ', start + heading.length + 2);
  const section = doc.slice(start, next === -1 ? undefined : next);
  return /```ya?ml\n([\s\S]*?)```/.exec(section)?.[1];
}

/** A workspace example: every ```yaml block of the section, each headed `# PROJECT/compose.yaml`. */
const WORKSPACE_BLOCK = /^# ([\w.-]+)\/compose\.yaml\n/;

/**
 * Lints a doc example on its own (in memory, nothing else on disk), every rule on. A workspace
 * rule's example is several projects, one block each, linted as one host (lint --workspace).
 */
function lintExample(text: string, doc = '', heading = '') {
  if (WORKSPACE_BLOCK.test(text)) {
    const start = doc.indexOf(`\n${heading}\n`);
    const next = doc.indexOf('\n## ', start + heading.length + 2);
    const blocks = [...doc.slice(start, next === -1 ? undefined : next).matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]);
    const files = Object.fromEntries(blocks.map((block) => [`/doc-example/${WORKSPACE_BLOCK.exec(block)![1]}/compose.yaml`, block]));
    const session = ruleSession([], { cwd: '/doc-example', host: memoryHost(files) });
    const projects = Object.keys(files).map((file) => ({ kind: 'files' as const, files: [file] }));
    return valueOf(session.analyzeWorkspace(projects).workspace).findings;
  }
  const session = ruleSession([], { cwd: '/doc-example', host: memoryHost({ '/doc-example/compose.yaml': text }) });
  return valueOf(session.analyze({ kind: 'files', files: ['compose.yaml'] })).findings;
}

const summary = (findings: { ruleId: string; line: number; message: string }[]) => findings.map((f) => `${f.line}: ${f.ruleId}: ${f.message}`);

describe('the rule registry', () => {
  it('registers each id once', () => {
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('lists the core ids first, then every other rule by id', () => {
    const others = ids.filter((id) => !CORE_IDS.includes(id));
    expect(ids).toEqual([...CORE_IDS, ...[...others].sort()]);
  });

  it('registers every rule folder under rules/src', () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory() && !NOT_RULES.includes(name));
    const unregistered = folders.filter((folder) => !ids.includes(folder));
    expect(unregistered, `folders under rules/src that are not registered in rules/src/index.ts: ${unregistered.join(', ')}`).toEqual([]);
  });
});

describe.each(rules.map((rule): [string, AnyRule] => [rule.meta.id, rule]))('%s', (id, rule) => {
  const folder = join(SRC, id);
  const isCore = CORE_IDS.includes(id);

  it('has a kebab-case id that says what it forbids or requires (no-, require-, valid-)', () => {
    expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    if (!isCore && !NAMED_BY_CATALOGUE.includes(id)) expect(id).toMatch(/^(no|require|valid)-/);
  });

  it('points docsUrl at its doc page', () => {
    expect(rule.meta.docsUrl.endsWith(`/${id}/${id}.md`), rule.meta.docsUrl).toBe(true);
  });

  it('describes itself in one sentence', () => {
    expect(rule.meta.description).toMatch(/^[A-Z`].*\.$/s);
  });

  it('has its rule file, doc page and fixture test in rules/src/<id>/', () => {
    const missing = [`${id}.ts`, `${id}.md`, `${id}.test.ts`].filter((name) => !isFile(join(folder, name)));
    expect(missing, `missing in rules/src/${id}/`).toEqual([]);
    expect(read(join(folder, `${id}.test.ts`))).toContain('runFixtures(');
  });

  it('is exported by its own rule file', async () => {
    const module = (await import(/* @vite-ignore */ pathToFileURL(join(folder, `${id}.ts`)).href)) as Record<string, unknown>;
    expect(Object.values(module)).toContain(rule);
  });

  it('has valid and invalid fixtures, and an .errors.json for each invalid case', () => {
    const valid = fixtureCases(join(folder, 'fixtures', 'valid'));
    const invalid = [...fixtureCases(join(folder, 'fixtures', 'invalid')), ...fixtureCases(join(folder, 'fixtures', 'workspace', 'invalid'))];
    expect(valid.length, `no case in rules/src/${id}/fixtures/valid`).toBeGreaterThan(0);
    expect(invalid.length, `no case in rules/src/${id}/fixtures/invalid (or fixtures/workspace/invalid)`).toBeGreaterThan(0);
    const withoutErrors = invalid.filter((path) => !isFile(errorsFileOf(path))).map((path) => relative(SRC, path));
    expect(withoutErrors, 'invalid cases without an .errors.json').toEqual([]);
    // An .errors.json whose case was renamed or removed would silently test nothing.
    const invalidDir = join(folder, 'fixtures', 'invalid');
    const orphans = (existsSync(invalidDir) ? readdirSync(invalidDir) : [])
      .filter((name) => name.endsWith('.errors.json'))
      .filter((name) => !invalid.some((path) => errorsFileOf(path) === join(invalidDir, name)));
    expect(orphans, '.errors.json files without a case').toEqual([]);
  });

  it('lists its suggestions in a fixture when it has suggestions, and none when it has not', () => {
    const listed = fixtureCases(join(folder, 'fixtures', 'invalid')).some((path) =>
      (JSON.parse(read(errorsFileOf(path))) as ExpectedError[]).some((e) => (e.suggestions ?? []).length > 0),
    );
    expect(listed, `meta.hasSuggestions is ${rule.meta.hasSuggestions}`).toBe(rule.meta.hasSuggestions);
  });

  it('has a fix fixture when fixable (an invalid case with a .output.yaml or .output/), and no output without its case', () => {
    const invalidDir = join(folder, 'fixtures', 'invalid');
    const invalid = fixtureCases(invalidDir);
    if (rule.meta.fixable)
      expect(
        invalid.some((path) => outputOf(path)),
        `no invalid case of ${id} has an output (<case>.output.yaml or <case>.output/)`,
      ).toBe(true);
    const outputs = existsSync(invalidDir) ? readdirSync(invalidDir).filter((name) => /\.output(\.ya?ml)?$/.test(name)) : [];
    const orphans = outputs.filter((name) => !invalid.some((path) => outputOf(path) === join(invalidDir, name)));
    expect(orphans, 'outputs without a case').toEqual([]);
  });

  it.skipIf(CORE_IDS_WITHOUT_MESSAGES.includes(id))('declares its messages, each used by a fixture, every placeholder filled there', () => {
    const messages = Object.entries(rule.meta.messages as Record<string, string>);
    expect(messages.length, 'no meta.messages').toBeGreaterThan(0);
    const cases = [...fixtureCases(join(folder, 'fixtures', 'invalid')), ...fixtureCases(join(folder, 'fixtures', 'workspace', 'invalid'))];
    const findings = cases.flatMap((path) => JSON.parse(read(errorsFileOf(path))) as ExpectedError[]);
    // A suggestion's message is one of the rule's messages too, used where a fixture lists the suggestion.
    const expected: ExpectedError[] = [
      ...findings,
      ...findings.flatMap((e) => (e.suggestions ?? []).map((s) => ({ ...e, messageId: s.messageId, data: s.data, suggestions: undefined }))),
    ];
    expect(expected.filter((e) => e.messageId === undefined).length, 'fixtures giving a whole message instead of a messageId').toBe(0);
    const undeclared = expected.filter((e) => !Object.hasOwn(rule.meta.messages, e.messageId!)).map((e) => e.messageId);
    expect(undeclared, 'message ids the fixtures use that the rule does not declare').toEqual([]);
    const fixtured = messages.filter(([messageId]) => !BEYOND_FIXTURES[id]?.includes(messageId));
    const unused = fixtured.filter(([messageId]) => !expected.some((e) => e.messageId === messageId)).map(([messageId]) => messageId);
    expect(unused, 'declared message ids no fixture uses').toEqual([]);
    for (const [messageId, template] of fixtured) {
      const placeholders = placeholdersOf(template).sort();
      const uses = expected.filter((e) => e.messageId === messageId);
      if (placeholders.length > 0) expect(uses.filter((e) => e.data !== undefined).length, `no fixture gives the data of ${messageId}`).toBeGreaterThan(0);
      for (const { data = {} } of uses) {
        expect(Object.keys(data).sort(), `the data of ${messageId}`).toEqual(placeholders);
        expect(renderMessage(template, data), `${messageId} rendered`).not.toMatch(/\{\{[^{}]+\}\}/);
      }
    }
  });

  it('has a doc page titled with its id, with every section in order', () => {
    const doc = docOf(id);
    expect(doc.split('\n')[0]).toBe(`# ${id}`);
    const positions = DOC_SECTIONS.map((heading) => doc.indexOf(`\n${heading}\n`));
    const missing = DOC_SECTIONS.filter((_, i) => positions[i] === -1);
    expect(missing, `sections missing from ${id}.md`).toEqual([]);
    expect(positions, `sections of ${id}.md out of order (expected ${DOC_SECTIONS.join(', ')})`).toEqual([...positions].sort((a, b) => a - b));
  });

  it('states its severity, recommended and fixable as its meta does', () => {
    const doc = docOf(id);
    expect(/\*\*Severity:\*\* (\w+)/.exec(doc)?.[1]).toBe(rule.meta.severity);
    expect(/\*\*Recommended:\*\* (yes|no)/.exec(doc)?.[1]).toBe(rule.meta.recommended ? 'yes' : 'no');
    expect(/\*\*Fixable:\*\* (yes|no)/.exec(doc)?.[1]).toBe(rule.meta.fixable ? 'yes' : 'no');
  });

  it('documents its options, with a JSON schema for them', () => {
    const optionNames = Object.keys(rule.defaultOptions ?? {});
    const section = docOf(id).split('\n## Options\n')[1]?.split('\n## ')[0] ?? '';
    if (optionNames.length === 0) {
      expect(rule.meta.optionsSchema).toBeUndefined();
      return;
    }
    const properties = (rule.meta.optionsSchema?.properties ?? {}) as Record<string, unknown>;
    expect(Object.keys(properties).sort()).toEqual([...optionNames].sort());
    for (const name of optionNames) expect(section, `option ${name} is not documented under ## Options`).toContain(`\`${name}\``);
  });

  it('has a failing example that the rule reports', () => {
    const failing = example(docOf(id), '## Failing example');
    expect(failing, 'no ```yaml block under ## Failing example').toBeDefined();
    expect(lintExample(failing!, docOf(id), '## Failing example').filter((f) => f.ruleId === id).length).toBeGreaterThan(0);
  });

  // compose-load's passing example refers to files next to it, which a lone snippet cannot have.
  it.skipIf(id === 'compose-load')('has a passing example that is valid Compose and that the rule accepts', () => {
    const passing = example(docOf(id), '## Passing example');
    expect(passing, 'no ```yaml block under ## Passing example').toBeDefined();
    const findings = lintExample(passing!, docOf(id), '## Passing example').filter(
      (f) => f.ruleId === id || f.ruleId === 'yaml-syntax' || f.ruleId === 'compose-schema',
    );
    expect(summary(findings)).toEqual([]);
  });
});

describe('docs/rules.md', () => {
  it('lists every rule in its rules table, as rulesTable() renders it', () => {
    const section = readRulesTable(read(RULES_PAGE));
    expect(section, 'docs/rules.md has no <!-- rules-table:start --> … <!-- rules-table:end --> section').toBeDefined();
    expect(section, 'The rules table in docs/rules.md is out of date: run `npm run rules-table` to regenerate it.').toBe(rulesTable(rules));
  });
});

/**
 * The catalogue the project is held to (rules/CATALOGUE.md): every id it
 * lists is a rule, with the severity and `recommended` flag its table gives; the style rules are
 * off by default and fixable. Rows like `a / b` with `warning / error` hold two rules.
 */
describe('the rule catalogue (rules/CATALOGUE.md)', () => {
  const text = readFileSync(join(SRC, '..', 'CATALOGUE.md'), 'utf8');
  const rows: { id: string; severity: string; recommended: boolean }[] = [];
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !/^[a-z]+(-[a-z]+)*( \/ [a-z]+(-[a-z]+)*)?$/.test(cells[1]) || cells[1] === 'id') continue;
    const [severityCell, recCell] = cells.slice(-3, -1);
    if (!/^(error|warning|info)( \/ (error|warning|info))?$/.test(severityCell)) continue;
    const ids = cells[1].split(' / ');
    const severities = severityCell.split(' / ');
    ids.forEach((id, i) => rows.push({ id, severity: severities[i] ?? severities[0], recommended: recCell === 'yes' }));
  }
  const styleSection = text.split('## Style')[1] ?? '';
  const styleIds = [...styleSection.matchAll(/\b[a-z]+(?:-[a-z]+)+\b/g)].map((m) => m[0]).filter((id) => rulesById.has(id));

  it('lists the security, hygiene, network and style rules', () => {
    expect(rows.length).toBeGreaterThanOrEqual(45);
    expect(styleIds).toHaveLength(7);
  });

  it.each(rows)('$id is a rule with its catalogue severity and recommended flag', ({ id, severity, recommended }) => {
    const rule = rulesById.get(id);
    expect(rule, `${id} is in the catalogue but not registered`).toBeDefined();
    expect([rule!.meta.severity, rule!.meta.recommended]).toEqual([severity, recommended]);
  });

  it('has the style rules off by default and fixable', () => {
    for (const id of styleIds)
      expect([id, rulesById.get(id)!.meta.recommended, rulesById.get(id)!.meta.fixable, rulesById.get(id)!.meta.category]).toEqual([id, false, true, 'style']);
  });

  it('covers every registered rule but the core findings', () => {
    const listed = new Set([...rows.map((r) => r.id), ...styleIds]);
    expect(rules.map((r) => r.meta.id).filter((id) => !listed.has(id) && !CORE_IDS.includes(id))).toEqual([]);
  });
});
