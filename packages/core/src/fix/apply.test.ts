import { describe, expect, it } from 'vitest';
import { isMap as isYamlMap } from 'yaml';
import { memoryHost, type Host } from '../host.js';
import { defineRule, type AnyRule } from '../lint/rule.js';
import { services } from '../model/project.js';
import { applyFixes, fixProject, lineEndingOf, MAX_FIX_PASSES } from './apply.js';
import { yamlEditorFor } from './yaml-edits.js';

describe('applyFixes', () => {
  const text = 'abcdefghij';

  it('applies fixes in position order, whatever order they come in', () => {
    const result = applyFixes(text, [
      { edits: [{ start: 8, end: 9, text: 'I' }] },
      {
        edits: [
          { start: 1, end: 2, text: 'B' },
          { start: 3, end: 3, text: '+' },
        ],
      },
    ]);
    expect(result).toEqual({ text: 'aBc+defghIj', applied: 2, deferred: 0 });
  });

  it('defers a fix that overlaps or touches one taken before it', () => {
    expect(applyFixes(text, [{ edits: [{ start: 2, end: 5, text: 'X' }] }, { edits: [{ start: 4, end: 6, text: 'Y' }] }])).toEqual({
      text: 'abXfghij',
      applied: 1,
      deferred: 1,
    });
    expect(applyFixes(text, [{ edits: [{ start: 2, end: 2, text: 'X' }] }, { edits: [{ start: 2, end: 2, text: 'Y' }] }])).toEqual({
      text: 'abXcdefghij',
      applied: 1,
      deferred: 1,
    });
  });

  it('drops malformed fixes and does not count fixes that change nothing', () => {
    const result = applyFixes(text, [
      { edits: [{ start: 5, end: 20, text: 'x' }] },
      {
        edits: [
          { start: 1, end: 4, text: 'x' },
          { start: 2, end: 3, text: 'y' },
        ],
      },
      { edits: [] },
      { edits: [{ start: 0, end: 1, text: 'a' }] },
    ]);
    expect(result).toEqual({ text, applied: 0, deferred: 0 });
  });

  it('writes the line breaks of a CRLF text as CRLF', () => {
    expect(lineEndingOf('a\r\nb\r\n')).toBe('\r\n');
    expect(lineEndingOf('a\nb\r\nc\n')).toBe('\n');
    expect(applyFixes('a:\r\n  b: 1\r\n', [{ edits: [{ start: 10, end: 10, text: '\n  c: 2' }] }]).text).toBe('a:\r\n  b: 1\r\n  c: 2\r\n');
  });
});

/** A rule that adds `key: value` to every service mapping that lacks it, through the YAML editor. */
function adding(key: string, value: string | number): AnyRule {
  return defineRule({
    meta: { id: `add-${key}`, description: 'test', severity: 'warning', recommended: true, fixable: true, category: 'style', messages: { add: 'add {{key}}' } },
    check(context) {
      for (const service of services(context.project)) {
        if (isMap(service.node) && service.node.entries.has(key)) continue;
        const loc = service.pair.key.loc!;
        const editor = yamlEditorFor(context.project, loc.file);
        const written = editor?.pairAt(loc);
        const edits = written && isYamlMap(written.pair.value) ? editor!.setEntry(written.pair, key, value) : undefined;
        context.report({ messageId: 'add', data: { key }, at: service.pair, service: service.name, fix: edits ? { edits } : undefined });
      }
    },
  });
}
const isMap = (node: unknown): node is { entries: Map<string, unknown> } => (node as { kind?: string })?.kind === 'map';

/** A rule whose fix always applies (it prepends a comment line): the pass bound stops it. */
const endless = defineRule({
  meta: { id: 'endless', description: 'test', severity: 'info', recommended: true, fixable: true, category: 'style', messages: { again: 'again' } },
  check(context) {
    const file = context.project.configFiles[0];
    context.report({ messageId: 'again', at: { file, start: 0, end: 0 }, fix: { edits: [{ start: 0, end: 0, text: '# again\n' }] } });
  },
});

/** A rule whose fix breaks the YAML. */
const breaking = defineRule({
  meta: { id: 'breaking', description: 'test', severity: 'warning', recommended: true, fixable: true, category: 'style', messages: { breakIt: 'break it' } },
  check(context) {
    const file = context.project.configFiles[0];
    context.report({ messageId: 'breakIt', at: { file, start: 0, end: 0 }, fix: { edits: [{ start: 0, end: 0, text: 'a: [\n' }] } });
  },
});

/** A rule with a fix on every file the project read, env files included. */
const everywhere = defineRule({
  meta: { id: 'everywhere', description: 'test', severity: 'warning', recommended: true, fixable: true, category: 'style', messages: { mark: 'mark' } },
  check(context) {
    for (const file of context.project.files.keys())
      context.report({ messageId: 'mark', at: { file, start: 0, end: 0 }, fix: { edits: [{ start: 0, end: 0, text: '# marked\n' }] } });
  },
});

const COMPOSE = '# app\nservices:\n  web:   # the web\n    image: nginx:1.27  # pinned\n\n  db:\n    image: postgres:17\n';

function fix(files: Record<string, string>, rules: AnyRule[], extra: { host?: Host; stdin?: { text: string }; files?: string[]; only?: string } = {}) {
  return fixProject(
    { rules, host: extra.host ?? memoryHost(files), cwd: '/p', env: {}, configFile: false, preset: 'all', files: extra.files, stdin: extra.stdin },
    { rules: extra.only ? (id) => id === extra.only : undefined },
  );
}

describe('fixProject', () => {
  it('fixes over several passes: fixes that overlap in one pass land in the next, and the result lints clean', () => {
    const result = fix({ '/p/compose.yaml': COMPOSE }, [adding('x-a', 1), adding('x-b', 2)]);
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).toMatchObject({ path: '/p/compose.yaml', original: COMPOSE, bom: false, applied: 4 });
    expect(result.changes[0].fixed).toBe(
      '# app\nservices:\n  web:   # the web\n    image: nginx:1.27  # pinned\n    x-a: 1\n    x-b: 2\n\n  db:\n    image: postgres:17\n    x-a: 1\n    x-b: 2\n',
    );
    expect(result.passes).toBe(2);
    expect(result.findings.filter((f) => f.ruleId.startsWith('add-'))).toEqual([]);
  });

  it('is idempotent: fixing the fixed text changes nothing', () => {
    const first = fix({ '/p/compose.yaml': COMPOSE }, [adding('x-a', 1)]);
    const second = fix({ '/p/compose.yaml': first.changes[0].fixed }, [adding('x-a', 1)]);
    expect(second.changes).toEqual([]);
    expect(second.passes).toBe(0);
  });

  it('applies only the fixes of the rules asked for, while every rule still reports', () => {
    const result = fix({ '/p/compose.yaml': COMPOSE }, [adding('x-a', 1), adding('x-b', 2)], { only: 'add-x-b' });
    expect(result.changes[0].fixed).not.toContain('x-a');
    expect(result.findings.filter((f) => f.ruleId === 'add-x-a')).toHaveLength(2);
  });

  it(`stops after ${MAX_FIX_PASSES} passes`, () => {
    const result = fix({ '/p/compose.yaml': COMPOSE }, [endless]);
    expect(result.passes).toBe(MAX_FIX_PASSES);
    expect(result.changes[0].fixed).toBe('# again\n'.repeat(MAX_FIX_PASSES) + COMPOSE);
  });

  it('undoes a fix that breaks the YAML, and leaves a file with a YAML error alone', () => {
    expect(fix({ '/p/compose.yaml': COMPOSE }, [breaking]).changes).toEqual([]);
    const broken = 'services:\n  web:\n    image: nginx\n  db: [\n';
    const result = fix({ '/p/compose.yaml': broken }, [adding('x-a', 1), endless]);
    expect(result.changes).toEqual([]);
    expect(result.findings.some((f) => f.ruleId === 'yaml-syntax')).toBe(true);
  });

  it('fixes compose files only: never an env file nor standard input', () => {
    const result = fix({ '/p/compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG}"\n', '/p/.env': 'TAG=1.27\n' }, [everywhere]);
    expect(result.changes.map((c) => c.path)).toEqual(['/p/compose.yaml']);
    const stdin = fix({}, [everywhere], { host: memoryHost({ '/p/x': '' }), files: ['-'], stdin: { text: COMPOSE } });
    expect(stdin.changes).toEqual([]);
    expect(stdin.findings.filter((f) => f.ruleId === 'everywhere')).toHaveLength(1);
  });

  it('keeps a byte order mark and CRLF line endings', () => {
    const crlf = COMPOSE.replace(/\n/g, '\r\n');
    const result = fix({ '/p/compose.yaml': '\uFEFF' + crlf }, [adding('x-a', 1)]);
    expect(result.changes[0].bom).toBe(true);
    expect(result.changes[0].original).toBe(crlf);
    expect(result.changes[0].fixed).toBe(
      '# app\r\nservices:\r\n  web:   # the web\r\n    image: nginx:1.27  # pinned\r\n    x-a: 1\r\n\r\n  db:\r\n    image: postgres:17\r\n    x-a: 1\r\n',
    );
  });

  it('never applies the fix of a finding a directive or an exclusion suppresses', () => {
    const text = 'services:\n  # composure-disable-next-line add-x-a\n  web:\n    image: nginx\n  db:\n    image: postgres\n';
    const result = fix({ '/p/compose.yaml': text }, [adding('x-a', 1)]);
    expect(result.changes[0].fixed).toBe(
      'services:\n  # composure-disable-next-line add-x-a\n  web:\n    image: nginx\n  db:\n    image: postgres\n    x-a: 1\n',
    );
    const excluding =
      'services:\n  web:\n    image: nginx\n  db:\n    image: postgres\nx-composure:\n  exclude:\n    - { rule: add-x-a, service: web, reason: legacy }\n';
    const excluded = fix({ '/p/compose.yaml': excluding }, [adding('x-a', 1)]);
    expect(excluded.changes[0].fixed).toBe(excluding.replace('postgres\n', 'postgres\n    x-a: 1\n'));
  });

  it('fixes an override file where its finding is', () => {
    const result = fix({ '/p/compose.yaml': 'services:\n  web:\n    image: nginx\n', '/p/compose.override.yaml': 'services:\n  db:\n    image: postgres\n' }, [
      adding('x-a', 1),
    ]);
    expect(result.changes.map((c) => [c.path, c.fixed])).toEqual([
      ['/p/compose.yaml', 'services:\n  web:\n    image: nginx\n    x-a: 1\n'],
      ['/p/compose.override.yaml', 'services:\n  db:\n    image: postgres\n    x-a: 1\n'],
    ]);
  });
});
