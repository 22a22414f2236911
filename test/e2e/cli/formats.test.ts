/**
 * End-to-end tests of the CI formats through the BUILT command line (`npm run build`
 * first): SARIF validated against the SARIF 2.1.0 schema, suppressions, fingerprints
 * that survive inserted lines, paths relative to the repository root from a
 * subdirectory, -o FILE, well-formed XML, no secret in any format, --failure-threshold.
 * Projects are written to a temporary directory; a `.git` directory marks the
 * repository root (composure only looks for it: no git command runs).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { assertBuilt, expectNoStackTrace, onlyRules, parseReport, ROOT, runCli } from '../../support/run-cli.js';
import { expectValidSarif, sarifValidator } from '../../support/sarif.js';
import { expectWellFormedXml } from '../../support/xml.js';

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'checkstyle', 'codeclimate', 'compact'];
let tmp: string;

beforeAll(() => {
  assertBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'composure-formats-'));
  sarifValidator();
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

let counter = 0;
/** A repository in the temporary directory (a `.git` directory at its root) holding the given files. */
function repo(files: Record<string, string>, options: { git?: boolean } = {}): string {
  const root = join(tmp, `repo-${++counter}`);
  if (options.git !== false) mkdirSync(join(root, '.git'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; justification?: string }[];
}

describe.concurrent('lint --format sarif', () => {
  it('on examples/three-tier: valid SARIF 2.1.0, every finding of the JSON report, rule metadata, relative URIs', async () => {
    const [sarif, json, version, catalogue] = await Promise.all([
      runCli(['lint', 'examples/three-tier', '--format', 'sarif']),
      runCli(['lint', 'examples/three-tier', '--format', 'json']),
      runCli(['--version']),
      runCli(['rules', '--format', 'json']),
    ]);
    expectNoStackTrace(sarif);
    expect(sarif.code).toBe(json.code);
    expect(sarif.stderr).toBe('');
    const log = expectValidSarif(sarif.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    expect(version.stdout).toBe(`${(JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }).version}\n`);
    expect(run.tool.driver).toMatchObject({ name: 'composure', version: version.stdout.trim(), informationUri: 'https://github.com/composure-lint/composure' });
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: pathToFileURL(ROOT).href + '/' } });

    const messages = parseReport(json.stdout).flatMap((r) => r.messages);
    expect(messages.length).toBeGreaterThan(0);
    const results = run.results as SarifResult[];
    expect(results.map((r) => [r.ruleId, r.message.text, r.locations[0].physicalLocation.region])).toEqual(
      messages.map((m) => [m.ruleId, m.message, { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn }]),
    );
    const level = { error: 'error', warning: 'warning', info: 'note' };
    expect(results.map((r) => r.level)).toEqual(messages.map((m) => level[m.severity]));
    for (const r of results) {
      expect(r.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'examples/three-tier/compose.yaml', uriBaseId: '%SRCROOT%' });
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.partialFingerprints['composure/v1']).toMatch(/^[0-9a-f]{32}:\d+$/);
    }
    expect(new Set(results.map((r) => r.partialFingerprints['composure/v1'])).size).toBe(results.length);

    // Every rule that appears, once, with its metadata.
    const meta = new Map((JSON.parse(catalogue.stdout) as { id: string; description: string; severity: keyof typeof level }[]).map((r) => [r.id, r]));
    const rules = run.tool.driver.rules as {
      id: string;
      shortDescription: { text: string };
      fullDescription: { text: string };
      helpUri: string;
      help: { markdown: string };
      defaultConfiguration: { level: string };
      properties: { tags: string[] };
    }[];
    expect(rules.map((r) => r.id)).toEqual([...new Set(results.map((r) => r.ruleId))].sort());
    for (const rule of rules) {
      const m = meta.get(rule.id)!;
      expect(rule.shortDescription.text).toBe(m.description);
      expect(rule.fullDescription.text.length).toBeGreaterThan(20);
      expect(rule.helpUri).toBe(`https://github.com/composure-lint/composure/blob/main/rules/src/${rule.id}/${rule.id}.md`);
      expect(rule.help.markdown).toMatch(new RegExp(`^# ${rule.id}\\n[\\s\\S]*## Why`));
      expect(rule.defaultConfiguration.level).toBe(level[m.severity]);
      expect(rule.properties.tags).toEqual([expect.stringMatching(/^(core|network|security|hygiene|style)$/)]);
    }
  });

  it('carries excluded and directive-disabled findings as suppressions with their justifications; no other format shows them, and they never fail the run', async () => {
    const root = repo({
      'compose.yaml': [
        '# composure-disable-next-line no-version-field -- kept for the old deploy script',
        'version: "3.8"',
        'services:',
        '  legacy:',
        '    image: registry.local/legacy',
        '  web:',
        '    image: nginx',
        '  cache:',
        '    image: redis # composure-disable-line require-image-tag',
        '',
      ].join('\n'),
      '.composure.yaml': 'exclude:\n  - { rule: require-image-tag, service: legacy, reason: "built locally, never pushed" }\n',
    });
    const args = ['lint', '.', ...onlyRules('no-version-field', 'require-image-tag'), '--rule', 'no-version-field=error'];
    const [sarif, json, compact] = await Promise.all(['sarif', 'json', 'compact'].map((format) => runCli([...args, '--format', format], { cwd: root })));
    expectNoStackTrace(sarif);
    const results = expectValidSarif(sarif.stdout).runs[0].results as SarifResult[];
    expect(results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.region.startLine, r.suppressions])).toEqual([
      ['no-version-field', 'error', 2, [{ kind: 'inSource', justification: 'kept for the old deploy script' }]],
      ['require-image-tag', 'warning', 5, [{ kind: 'external', justification: 'built locally, never pushed' }]],
      ['require-image-tag', 'warning', 7, undefined],
      ['require-image-tag', 'warning', 9, [{ kind: 'inSource' }]],
    ]);
    // The suppressed error does not count: exit 0, as for every format.
    expect([sarif.code, json.code, compact.code]).toEqual([0, 0, 0]);
    expect(parseReport(json.stdout).flatMap((r) => r.messages.map((m) => `${m.line} ${m.ruleId}`))).toEqual(['7 require-image-tag']);
    expect(compact.stdout).toBe(
      'compose.yaml:7:12: warning [require-image-tag] Image "nginx" has no tag, which means "latest", a tag that moves with every release: pin a version tag (nginx:<version>) or a digest.\n',
    );
    const threshold = await runCli([...args, '--format', 'sarif', '--failure-threshold', 'warning'], { cwd: root });
    expect(threshold.code).toBe(1);
  });

  it('records a project that cannot be loaded as a failed execution, beside the results of the others', async () => {
    const root = repo({ 'good/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n', 'empty/README': 'no compose file here\n' });
    const result = await runCli(['lint', 'good', 'empty', '--format', 'sarif'], { cwd: root });
    expect(result.code).toBe(2);
    const [invocation] = expectValidSarif(result.stdout).runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toHaveLength(1);
    expect(invocation.toolExecutionNotifications[0].level).toBe('error');
    expect(result.stderr).toContain(invocation.toolExecutionNotifications[0].message.text);
  });
});

describe.concurrent('fingerprints and paths', () => {
  it('keep their identity when lines are inserted above the findings; codeclimate uses the same ones', async () => {
    const text = 'version: "3"\nservices:\n  web:\n    image: nginx\n  db:\n    image: postgres\n';
    const before = repo({ 'compose.yaml': text });
    const after = repo({ 'compose.yaml': `# a comment\n\n${text.replace('services:\n', 'services:\n  # another\n')}` });
    const args = ['lint', '.', ...onlyRules('no-version-field', 'require-image-tag')];
    const runs = await Promise.all(
      [before, after].flatMap((cwd) => [runCli([...args, '--format', 'sarif'], { cwd }), runCli([...args, '--format', 'codeclimate'], { cwd })]),
    );
    const [sarifBefore, climateBefore, sarifAfter, climateAfter] = runs;
    const results = (r: typeof sarifBefore) => expectValidSarif(r.stdout).runs[0].results as SarifResult[];
    const lines = (r: typeof sarifBefore) => results(r).map((x) => x.locations[0].physicalLocation.region.startLine);
    const prints = (r: typeof sarifBefore) => results(r).map((x) => x.partialFingerprints['composure/v1']);
    expect(lines(sarifBefore)).toEqual([1, 4, 6]);
    expect(lines(sarifAfter)).toEqual([3, 7, 9]);
    expect(prints(sarifAfter)).toEqual(prints(sarifBefore));
    expect(new Set(prints(sarifBefore)).size).toBe(3);
    const climate = (r: typeof sarifBefore) => (JSON.parse(r.stdout) as { fingerprint: string }[]).map((x) => x.fingerprint);
    expect(climate(climateBefore)).toEqual(prints(sarifBefore));
    expect(climate(climateAfter)).toEqual(prints(sarifBefore));
  });

  it('from a subdirectory: SARIF and codeclimate name files from the repository root, the other formats from the working directory', async () => {
    const root = repo({ 'deploy/app/compose.yaml': 'version: "3"\nservices:\n  web:\n    image: nginx:1.27\n' });
    const cwd = join(root, 'deploy');
    const run = (format: string) => runCli(['lint', 'app', ...onlyRules('no-version-field'), '--format', format], { cwd });
    const [sarif, climate, github, compact, checkstyle, junit] = await Promise.all(
      ['sarif', 'codeclimate', 'github', 'compact', 'checkstyle', 'junit'].map(run),
    );
    const log = expectValidSarif(sarif.stdout);
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(root).href + '/');
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'deploy/app/compose.yaml', uriBaseId: '%SRCROOT%' });
    expect(JSON.parse(climate.stdout)[0].location).toEqual({ path: 'deploy/app/compose.yaml', lines: { begin: 1, end: 1 } });
    expect(github.stdout).toMatch(/^::warning file=app\/compose\.yaml,line=1,col=1,endLine=1,endColumn=8,title=composure no-version-field::/);
    expect(compact.stdout).toMatch(/^app\/compose\.yaml:1:1: warning \[no-version-field\] /);
    expect(checkstyle.stdout).toContain('<file name="app/compose.yaml">');
    expect(junit.stdout).toContain('<testsuite name="app/compose.yaml"');
  });

  it('without a repository, SARIF and codeclimate paths are relative to the working directory', async () => {
    const root = repo({ 'app/compose.yaml': 'version: "3"\nservices:\n  web:\n    image: nginx:1.27\n' }, { git: false });
    const [sarif, climate] = await Promise.all(
      ['sarif', 'codeclimate'].map((format) => runCli(['lint', 'app', ...onlyRules('no-version-field'), '--format', format], { cwd: root })),
    );
    // The temporary directory is not inside a repository (if it were, the paths would start higher up).
    const uri = expectValidSarif(sarif.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toBe('app/compose.yaml');
    expect(JSON.parse(climate.stdout)[0].location.path).toBe('app/compose.yaml');
  });
});

describe('findings in a config mounted into a service', () => {
  it('are reported in that file, at the host, by stylish, json and sarif', async () => {
    const root = repo({
      'compose.yaml':
        'services:\n  proxy:\n    image: nginx:1.27\n    volumes: ["./nginx/site.conf:/etc/nginx/conf.d/default.conf:ro"]\n  api:\n    image: acme/api:1.0\n',
      'nginx/site.conf': 'server {\n  location / { proxy_pass http://apii:8080; }\n}\n',
    });
    const args = ['lint', '.', ...onlyRules('no-unreachable-upstream')];
    const [stylish, json, sarif] = await Promise.all(['stylish', 'json', 'sarif'].map((format) => runCli([...args, '--format', format], { cwd: root })));
    for (const result of [stylish, json, sarif]) {
      expectNoStackTrace(result);
      expect(result.code).toBe(1);
    }
    const message =
      'Service "proxy" proxies to "apii" (proxy_pass in /etc/nginx/conf.d/default.conf), which no service, alias, container name or hostname provides: did you mean "api"?';
    expect(stylish.stdout).toContain(`nginx/site.conf\n  2:34  error  ${message}  no-unreachable-upstream\n`);
    const report = parseReport(json.stdout).filter((file) => file.messages.length > 0);
    expect(report.map((file) => [file.filePath, file.messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.message])])).toEqual([
      [join(root, 'nginx/site.conf'), [['no-unreachable-upstream', 2, 34, 2, 38, message]]],
    ]);
    const [result] = expectValidSarif(sarif.stdout).runs[0].results;
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'nginx/site.conf', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 34, endLine: 2, endColumn: 38 },
    });
  });
});

describe.concurrent('every format', () => {
  it.each(FORMATS)('-o FILE writes the %s report to the file, exactly what standard output gets, and nothing to stdout', async (format) => {
    const root = repo({ 'compose.yaml': 'version: "3"\nservices:\n  web:\n    image: nginx\n' });
    const args = ['lint', '.', ...onlyRules('no-version-field', 'require-image-tag'), '--format', format];
    const [toStdout, toFile] = await Promise.all([runCli(args, { cwd: root }), runCli([...args, '-o', `report.${format}`], { cwd: root })]);
    expectNoStackTrace(toFile);
    expect(toFile.stdout).toBe('');
    expect(toFile.stderr).toBe('');
    expect(toFile.code).toBe(toStdout.code);
    expect(toStdout.stdout.length).toBeGreaterThan(0);
    expect(readFileSync(join(root, `report.${format}`), 'utf8')).toBe(toStdout.stdout);
  });

  it('never prints a secret: a password in an environment URL, in a directive reason, in an exclusion reason', async () => {
    const secret = 'Pl4ntedS3cret';
    const root = repo({
      'compose.yaml': [
        'version: "3"',
        'services:',
        '  api:',
        '    image: example/api',
        '    environment:',
        `      DATABASE_URL: postgres://app:${secret}@dbx:5432/app`,
        `      DB_PASSWORD: ${secret}`,
        `    # composure-disable-next-line interpolation -- see postgres://app:${secret}@dbx/app`,
        `    command: ["--db", "postgres://app:${secret}@\${HOST}/app"]`,
        '  worker:',
        '    image: example/worker',
        '',
      ].join('\n'),
      '.composure.yaml': `exclude:\n  - { rule: require-image-tag, service: worker, reason: "mirror at https://ci:${secret}@mirror.local" }\n`,
    });
    const outputs = await Promise.all(FORMATS.map((format) => runCli(['lint', '.', '--format', format], { cwd: root })));
    for (const [i, result] of outputs.entries()) {
      expectNoStackTrace(result);
      expect(result.stdout.length, FORMATS[i]).toBeGreaterThan(0);
      expect(result.stdout, FORMATS[i]).not.toContain(secret);
      expect(result.stderr, FORMATS[i]).not.toContain(secret);
    }
    // The reasons are there, masked.
    const sarif = expectValidSarif(outputs[FORMATS.indexOf('sarif')].stdout);
    const justifications = (sarif.runs[0].results as SarifResult[]).flatMap((r) => r.suppressions ?? []).map((s) => s.justification);
    expect(justifications).toEqual(expect.arrayContaining(['see postgres://app:********@dbx/app', 'mirror at https://ci:********@mirror.local']));
  });

  it('junit and checkstyle are well-formed XML whatever the messages hold, and give the messages back exactly', async () => {
    const root = repo({ 'compose.yaml': `services:\n  web:\n    image: nginx\n    "imag&<e>\\"'x\\t]]>%,:\\u0001\\u001b": 1\n` });
    const args = ['lint', '.', ...onlyRules('require-image-tag')];
    const [json, junit, checkstyle] = await Promise.all(['json', 'junit', 'checkstyle'].map((format) => runCli([...args, '--format', format], { cwd: root })));
    const messages = parseReport(json.stdout).flatMap((r) => r.messages.map((m) => m.message));
    expect(messages.some((m) => m.includes(`imag&<e>"'x\t]]>%,:\u0001\u001b`))).toBe(true);
    // Characters XML 1.0 cannot hold at all are shown as \uXXXX; everything else comes back as it was.
    const expected = messages.map((m) => m.replace(/[\u0001\u001b]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
    const failures = expectWellFormedXml(junit.stdout).filter((e) => e[''] === 'failure');
    expect(failures.map((e) => e.message)).toEqual(expected);
    const errors = expectWellFormedXml(checkstyle.stdout).filter((e) => e[''] === 'error');
    expect(errors.map((e) => e.message)).toEqual(expected);
    expect(errors.map((e) => e.source)).toEqual(['composure.require-image-tag', 'composure.compose-schema']);
  });
});

describe.concurrent('lint --failure-threshold', () => {
  const root = () => repo({ 'compose.yaml': 'version: "3"\nservices:\n  web:\n    image: nginx:1.27\n' });
  const code = async (cwd: string, ...extra: string[]) => {
    const result = await runCli(['lint', '.', ...onlyRules('no-version-field'), '--format', 'compact', ...extra], { cwd });
    expectNoStackTrace(result);
    return result.code;
  };

  it('fails at or above the threshold: error by default, warning, info; none never fails on findings', async () => {
    const cwd = root();
    const asInfo = ['--rule', 'no-version-field=info'];
    const asError = ['--rule', 'no-version-field=error'];
    const codes = await Promise.all([
      code(cwd),
      code(cwd, '--failure-threshold', 'error'),
      code(cwd, '--failure-threshold', 'warning'),
      code(cwd, '--failure-threshold', 'info'),
      code(cwd, ...asInfo, '--failure-threshold', 'warning'),
      code(cwd, ...asInfo, '--failure-threshold', 'info'),
      code(cwd, ...asError),
      code(cwd, ...asError, '--failure-threshold', 'none'),
    ]);
    expect(codes).toEqual([0, 0, 1, 1, 0, 1, 1, 0]);
  });

  it('--max-warnings still applies with any threshold', async () => {
    const cwd = root();
    const result = await runCli(['lint', '.', ...onlyRules('no-version-field'), '--failure-threshold', 'none', '--max-warnings', '0'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('composure: 1 warnings exceed --max-warnings 0\n');
  });

  it('--quiet hides warnings from the report, not from the threshold', async () => {
    const result = await runCli(['lint', '.', ...onlyRules('no-version-field'), '--failure-threshold', 'warning', '--quiet', '--format', 'compact'], {
      cwd: root(),
    });
    expect([result.code, result.stdout]).toEqual([1, '']);
  });

  it('rejects an unknown threshold with exit code 2, and is documented in lint --help', async () => {
    const [bad, help] = await Promise.all([runCli(['lint', '.', '--failure-threshold', 'warn'], { cwd: root() }), runCli(['lint', '--help'])]);
    expectNoStackTrace(bad);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('composure: --failure-threshold expects error, warning, info or none (got "warn")');
    expect(help.stdout).toContain('--failure-threshold LEVEL');
    expect(help.stdout).toContain(`Report format: ${FORMATS.join(', ')}`);
  });
});

describe('the GitLab CI example', () => {
  /** `npx --yes @composure/cli@VERSION lint …`: the arguments from `lint` on, and the version npx pins. */
  const commandsIn = (path: string): { args: string[]; pinned?: string }[] =>
    [...readFileSync(join(ROOT, path), 'utf8').matchAll(/(?:npx --yes @composure\/cli@([\w.-]+)|\bcomposure) (lint[^\n#]*)/g)].map((m) => ({
      args: m[2].trim().split(/\s+/),
      pinned: m[1],
    }));

  it('docs/ci/gitlab-ci.yml: every composure command runs as written, and its report is what GitLab reads', async () => {
    const path = 'docs/ci/gitlab-ci.yml';
    const doc = parseYaml(readFileSync(join(ROOT, path), 'utf8'));
    const commands = commandsIn(path);
    expect(commands.length).toBe(2);
    const cwd = repo({ 'compose.yaml': readFileSync(join(ROOT, 'examples/three-tier/compose.yaml'), 'utf8') });
    const version = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')).version;
    for (const { args, pinned } of commands) {
      // npx runs the published CLI of that version (test/packaging/install.test.ts runs `npx --yes` on the packed CLI).
      expect(pinned, 'the version npx runs').toBe(version);
      const result = await runCli(args, { cwd });
      expectNoStackTrace(result);
      // The first run writes the report and never fails; the second gives the verdict (three-tier has errors).
      expect(result.code, args.join(' ')).toBe(args.includes('none') ? 0 : 1);
      const report = readFileSync(join(cwd, args[args.indexOf('--output') + 1]), 'utf8');
      const format = args[args.indexOf('--format') + 1];
      if (format === 'codeclimate') expect((JSON.parse(report) as { location: { path: string } }[]).map((i) => i.location.path)).toContain('compose.yaml');
      if (format === 'junit') expect(expectWellFormedXml(report).filter((e) => e[''] === 'failure').length).toBeGreaterThan(0);
    }
    expect(commands.map(({ args }) => args[args.indexOf('--format') + 1])).toEqual(['codeclimate', 'junit']);
    expect(doc.composure.artifacts.reports).toEqual({ codequality: 'gl-code-quality-report.json', junit: 'composure-junit.xml' });
  });
});
