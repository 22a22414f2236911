/**
 * The CI formats (sarif, github, junit, checkstyle, codeclimate, compact) on a small,
 * hand-made set of findings: exact output, escaping, fingerprints. The end-to-end
 * tests through the built CLI are in test/e2e/cli/formats.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '@composure/core';
import { rulesById } from '@composure/rules';
import { formatCheckstyle } from './checkstyle.js';
import { formatCodeclimate } from './codeclimate.js';
import { formatCompact } from './compact.js';
import { FINGERPRINT_KEY, fingerprints } from './fingerprint.js';
import { escapeData, escapeProperty, formatGithub } from './github.js';
import { formatters } from './index.js';
import { formatJunit } from './junit.js';
import { relativePath, repositoryRoot } from './paths.js';
import type { FileReport, FormatContext } from './report.js';
import { formatSarif, whySection } from './sarif.js';
import { oneLine, xml } from './text.js';

/** No `.git` anywhere above it: the repository root is the working directory. */
const CWD = '/composure-formats-test/repo';
const FILE = `${CWD}/deploy/compose.yaml`;
const CLEAN = `${CWD}/compose.override.yaml`;

const TEXT = ['version: "3"', 'services:', '  web:', '    image: nginx', '    privileged: true', ''].join('\n');
const offset = (line: number, column: number) =>
  TEXT.split('\n')
    .slice(0, line - 1)
    .join('\n').length +
  (line > 1 ? 1 : 0) +
  column -
  1;

function finding(
  ruleId: string,
  severity: Finding['severity'],
  message: string,
  [line, column, endLine, endColumn]: number[],
  extra: Partial<Finding> = {},
): Finding {
  return { ruleId, severity, message, file: FILE, line, column, endLine, endColumn, start: offset(line, column), end: offset(endLine, endColumn), ...extra };
}

const VERSION = finding('no-version-field', 'warning', 'The top-level `version` is obsolete: Docker Compose ignores it. Remove it.', [1, 1, 1, 8]);
/** A message with every character the formats must escape. */
const NASTY = finding('require-image-tag', 'error', 'Image "a&b" <x>, 100%: bad\r\nline', [4, 12, 4, 17]);
const SPAN = finding('no-such-rule', 'info', 'A region, over lines', [3, 3, 5, 21]);
const SUPPRESSED = finding('require-image-tag', 'warning', 'Image "nginx" has no tag.', [4, 12, 4, 17], {
  suppressed: { kind: 'inSource', justification: 'pinned by the mirror' },
});

const reports: FileReport[] = [
  { filePath: FILE, findings: [VERSION, SPAN, NASTY] },
  { filePath: CLEAN, findings: [] },
];
const context: FormatContext = { cwd: CWD, color: false, source: (file) => (file === FILE ? TEXT : undefined) };

describe('text helpers', () => {
  it('xml escapes the five entities, keeps tabs and line breaks as references, and shows characters XML cannot hold', () => {
    expect(xml(`a&b<c>"d"'e'\tf\r\ng`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;&#9;f&#13;&#10;g');
    expect(xml('nul\u0000 esc\u001b bom\ufeff ok \ud83d\ude00 lone \ud83d end')).toBe('nul\\u0000 esc\\u001b bom\ufeff ok \ud83d\ude00 lone \\ud83d end');
  });

  it('oneLine escapes control characters, newlines included', () => {
    expect(oneLine('a\nb\u001b[31m')).toBe('a\\u000ab\\u001b[31m');
  });

  it('escapes workflow-command data and properties as the Actions runner reads them', () => {
    expect(escapeData('100%: a,b\r\nc')).toBe('100%25: a,b%0D%0Ac');
    expect(escapeProperty('100%: a,b\r\nc')).toBe('100%25%3A a%2Cb%0D%0Ac');
  });
});

describe('compact', () => {
  it('prints one line per finding, relative to the working directory, and nothing else', () => {
    expect(formatCompact(reports, context)).toBe(
      [
        'deploy/compose.yaml:1:1: warning [no-version-field] The top-level `version` is obsolete: Docker Compose ignores it. Remove it.',
        'deploy/compose.yaml:3:3: info [no-such-rule] A region, over lines',
        'deploy/compose.yaml:4:12: error [require-image-tag] Image "a&b" <x>, 100%: bad\\u000d\\u000aline',
        '',
      ].join('\n'),
    );
    expect(formatCompact([{ filePath: CLEAN, findings: [] }], context)).toBe('');
  });
});

describe('github', () => {
  it('prints a workflow command per finding: notice for info, escaped data and properties, no columns over several lines', () => {
    expect(formatGithub(reports, context)).toBe(
      [
        '::warning file=deploy/compose.yaml,line=1,col=1,endLine=1,endColumn=8,title=composure no-version-field::The top-level `version` is obsolete: Docker Compose ignores it. Remove it.',
        '::notice file=deploy/compose.yaml,line=3,endLine=5,title=composure no-such-rule::A region, over lines',
        '::error file=deploy/compose.yaml,line=4,col=12,endLine=4,endColumn=17,title=composure require-image-tag::Image "a&b" <x>, 100%25: bad%0D%0Aline',
        '',
      ].join('\n'),
    );
  });

  it('escapes a path with a comma or a colon', () => {
    const f = { ...VERSION, file: `${CWD}/a,b:c.yaml` };
    expect(formatGithub([{ filePath: f.file, findings: [f] }], context)).toMatch(/^::warning file=a%2Cb%3Ac\.yaml,line=1,/);
  });
});

describe('checkstyle', () => {
  it('prints every file, each finding an <error> with composure.RULE as source, escaped', () => {
    expect(formatCheckstyle(reports, context)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<checkstyle version="4.3">',
        '  <file name="deploy/compose.yaml">',
        '    <error line="1" column="1" severity="warning" message="The top-level `version` is obsolete: Docker Compose ignores it. Remove it." source="composure.no-version-field"/>',
        '    <error line="3" column="3" severity="info" message="A region, over lines" source="composure.no-such-rule"/>',
        '    <error line="4" column="12" severity="error" message="Image &quot;a&amp;b&quot; &lt;x&gt;, 100%: bad&#13;&#10;line" source="composure.require-image-tag"/>',
        '  </file>',
        '  <file name="compose.override.yaml"/>',
        '</checkstyle>',
        '',
      ].join('\n'),
    );
  });
});

describe('junit', () => {
  it('a suite per file, a failing case per error or warning, a passing case with output per info, one passing case for a clean file', () => {
    expect(formatJunit(reports, context)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="composure" tests="4" failures="2" errors="0">',
        '  <testsuite name="deploy/compose.yaml" tests="3" failures="2" errors="0" skipped="0">',
        '    <testcase name="no-version-field at 1:1" classname="deploy/compose.yaml" file="deploy/compose.yaml">',
        '      <failure type="warning" message="The top-level `version` is obsolete: Docker Compose ignores it. Remove it.">deploy/compose.yaml:1:1: warning [no-version-field] The top-level `version` is obsolete: Docker Compose ignores it. Remove it.</failure>',
        '    </testcase>',
        '    <testcase name="no-such-rule at 3:3" classname="deploy/compose.yaml" file="deploy/compose.yaml">',
        '      <system-out>deploy/compose.yaml:3:3: info [no-such-rule] A region, over lines</system-out>',
        '    </testcase>',
        '    <testcase name="require-image-tag at 4:12" classname="deploy/compose.yaml" file="deploy/compose.yaml">',
        '      <failure type="error" message="Image &quot;a&amp;b&quot; &lt;x&gt;, 100%: bad&#13;&#10;line">deploy/compose.yaml:4:12: error [require-image-tag] Image &quot;a&amp;b&quot; &lt;x&gt;, 100%: bad&#13;&#10;line</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="compose.override.yaml" tests="1" failures="0" errors="0" skipped="0">',
        '    <testcase name="composure lint" classname="compose.override.yaml" file="compose.override.yaml"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });
});

describe('codeclimate', () => {
  it('prints GitLab code quality issues, one a line, with the fingerprints SARIF uses', () => {
    const [v, s, n] = fingerprints([VERSION, SPAN, NASTY], CWD, context.source);
    expect(formatCodeclimate(reports, context)).toBe(
      [
        '[',
        `{"description":"The top-level \`version\` is obsolete: Docker Compose ignores it. Remove it.","check_name":"no-version-field","fingerprint":"${v}","severity":"minor","location":{"path":"deploy/compose.yaml","lines":{"begin":1,"end":1}},"type":"issue","categories":["Clarity"]},`,
        `{"description":"A region, over lines","check_name":"no-such-rule","fingerprint":"${s}","severity":"info","location":{"path":"deploy/compose.yaml","lines":{"begin":3,"end":5}},"type":"issue","categories":["Bug Risk"]},`,
        `{"description":"Image \\"a&b\\" <x>, 100%: bad\\r\\nline","check_name":"require-image-tag","fingerprint":"${n}","severity":"major","location":{"path":"deploy/compose.yaml","lines":{"begin":4,"end":4}},"type":"issue","categories":["Clarity"]}`,
        ']',
        '',
      ].join('\n'),
    );
    expect(formatCodeclimate([{ filePath: CLEAN, findings: [] }], context)).toBe('[]\n');
  });
});

describe('fingerprints', () => {
  const one = (f: Finding, text = TEXT, root = CWD) => fingerprints([f], root, () => text)[0];

  it('are 32 hex digits and an occurrence number', () => {
    expect(one(VERSION)).toMatch(/^[0-9a-f]{32}:1$/);
  });

  it('do not change when lines are inserted above the finding', () => {
    const moved = '# a comment\n\n' + TEXT;
    const shifted = { ...NASTY, line: 6, endLine: 6, start: NASTY.start + 13, end: NASTY.end + 13 };
    expect(moved.slice(shifted.start, shifted.end)).toBe('nginx');
    expect(one(shifted, moved)).toBe(one(NASTY));
  });

  it('change with the rule, the message, the offending text and the path relative to the repository root', () => {
    const base = one(NASTY);
    expect(one({ ...NASTY, ruleId: 'other' })).not.toBe(base);
    expect(one({ ...NASTY, message: 'other' })).not.toBe(base);
    expect(one(NASTY, TEXT.replace('nginx', 'nginy'))).not.toBe(base);
    expect(one({ ...NASTY, file: `${CWD}/other/compose.yaml` })).not.toBe(base);
    // The same file under another checkout directory: the same identity.
    expect(one({ ...NASTY, file: '/elsewhere/deploy/compose.yaml' }, TEXT, '/elsewhere')).toBe(base);
  });

  it('ignore CRLF line endings and the password of a URL in the region', () => {
    const span = (text: string, from: string, to: string) => ({ ...VERSION, start: text.indexOf(from), end: text.indexOf(to) + to.length });
    const lf = 'a: |\n  x\n  y\n';
    const crlf = 'a: |\r\n  x\r\n  y\r\n';
    expect(one(span(crlf, 'x', 'y'), crlf)).toBe(one(span(lf, 'x', 'y'), lf));
    const withSecret = 'url: postgres://app:hunter2@db/app\n';
    const withOther = 'url: postgres://app:other@db/app\n';
    expect(one(span(withSecret, 'postgres', 'app\n'), withSecret)).toBe(one(span(withOther, 'postgres', 'app\n'), withOther));
  });

  it('number identical findings in order, so each keeps its own identity', () => {
    const twin = { ...VERSION };
    expect(fingerprints([VERSION, NASTY, twin], CWD, () => TEXT).map((p) => p.slice(-2))).toEqual([':1', ':1', ':2']);
  });
});

describe('paths', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('finds the repository root above the working directory, or falls back to it', () => {
    const repo = mkdtempSync(join(tmpdir(), 'composure-root-'));
    dirs.push(repo);
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'a', 'b'), { recursive: true });
    expect(repositoryRoot(join(repo, 'a', 'b'))).toBe(repo);
    expect(repositoryRoot(repo)).toBe(repo);
    expect(repositoryRoot(CWD)).toBe(CWD);
  });

  it('gives forward-slash paths, with .. outside the base', () => {
    expect(relativePath('/r', '/r/a/b.yaml')).toBe('a/b.yaml');
    expect(relativePath('/r', '/other/b.yaml')).toBe('../other/b.yaml');
  });
});

describe('sarif', () => {
  const run = async (r: readonly FileReport[], c: FormatContext = context) => JSON.parse(await formatSarif(r, c)).runs[0];

  it('is registered as the one format that is given suppressed findings', async () => {
    const loaded = await Promise.all(Object.entries(formatters).map(async ([name, load]) => [name, await load()] as const));
    expect(loaded.filter(([, f]) => f.suppressions).map(([name]) => name)).toEqual(['sarif']);
  });

  it('reports each finding with its rule index, level, region, a relative URI under %SRCROOT% and a fingerprint', async () => {
    const sarif = await run([{ filePath: FILE, findings: [VERSION, SPAN, NASTY, SUPPRESSED] }]);
    const prints = fingerprints([VERSION, SPAN, NASTY, SUPPRESSED], CWD, context.source);
    const location = (startLine: number, startColumn: number, endLine: number, endColumn: number) => [
      {
        physicalLocation: { artifactLocation: { uri: 'deploy/compose.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine, startColumn, endLine, endColumn } },
      },
    ];
    expect(sarif.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['no-such-rule', 'no-version-field', 'require-image-tag']);
    expect(sarif.results).toEqual([
      {
        ruleId: 'no-version-field',
        ruleIndex: 1,
        level: 'warning',
        message: { text: VERSION.message },
        locations: location(1, 1, 1, 8),
        partialFingerprints: { [FINGERPRINT_KEY]: prints[0] },
      },
      {
        ruleId: 'no-such-rule',
        ruleIndex: 0,
        level: 'note',
        message: { text: SPAN.message },
        locations: location(3, 3, 5, 21),
        partialFingerprints: { [FINGERPRINT_KEY]: prints[1] },
      },
      {
        ruleId: 'require-image-tag',
        ruleIndex: 2,
        level: 'error',
        message: { text: NASTY.message },
        locations: location(4, 12, 4, 17),
        partialFingerprints: { [FINGERPRINT_KEY]: prints[2] },
      },
      {
        ruleId: 'require-image-tag',
        ruleIndex: 2,
        level: 'warning',
        message: { text: SUPPRESSED.message },
        locations: location(4, 12, 4, 17),
        partialFingerprints: { [FINGERPRINT_KEY]: prints[3] },
        suppressions: [{ kind: 'inSource', justification: 'pinned by the mirror' }],
      },
    ]);
    expect(sarif.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `file://${CWD}/` } });
    expect(sarif.columnKind).toBe('utf16CodeUnits');
    expect(sarif.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('describes every rule that appears from its metadata and doc page', async () => {
    const [unknown, version] = (await run(reports)).tool.driver.rules;
    const meta = rulesById.get('no-version-field')!.meta;
    const why =
      '`version: "3.8"` suggests a file format that no longer exists: Compose v2 always applies the latest Compose specification, so the value only misleads readers and adds a warning to every `docker compose` command.';
    expect(version).toEqual({
      id: 'no-version-field',
      name: 'no-version-field',
      shortDescription: { text: meta.description },
      fullDescription: { text: why },
      helpUri: meta.docsUrl,
      help: { text: `${meta.description}\n\n${why}\n\nDocumentation: ${meta.docsUrl}`, markdown: expect.stringContaining('## Why') },
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['hygiene'] },
    });
    expect(unknown).toMatchObject({
      id: 'no-such-rule',
      shortDescription: { text: '"no-such-rule" is not a composure rule: an inline directive names it, and so switches nothing off.' },
    });
  });

  it('gives a file outside the repository an absolute file URI, and percent-encodes names', async () => {
    const outside = { ...VERSION, file: '/composure-formats-test/other/my compose.yaml' };
    const odd = { ...VERSION, file: `${CWD}/a:b/c#d.yaml` };
    const sarif = await run([{ filePath: outside.file, findings: [outside, odd] }]);
    expect(
      sarif.results.map((r: { locations: { physicalLocation: { artifactLocation: unknown } }[] }) => r.locations[0].physicalLocation.artifactLocation),
    ).toEqual([{ uri: 'file:///composure-formats-test/other/my%20compose.yaml' }, { uri: 'a%3Ab/c%23d.yaml', uriBaseId: '%SRCROOT%' }]);
  });

  it('records projects that could not be linted as a failed execution', async () => {
    const sarif = await run([], { ...context, errors: ['no compose file found in /x'] });
    expect(sarif.invocations).toEqual([
      { executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'no compose file found in /x' } }] },
    ]);
    expect(sarif.results).toEqual([]);
    expect(sarif.tool.driver.rules).toEqual([]);
  });

  it('reads the Why section of a doc page as plain paragraphs', () => {
    expect(whySection('# x\n\nIntro.\n\n## Why\n\nOne\nline.\n\nTwo.\n\n## Failing example\n\nno')).toBe('One line.\n\nTwo.');
    expect(whySection('# x\n\n## Why\n\nLast section.\n')).toBe('Last section.');
    expect(whySection('# x\n')).toBeUndefined();
  });
});
