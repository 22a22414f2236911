/**
 * `composure lint --fix` and `--fix-dry-run` end to end, through the BUILT command
 * line (`npm run build` first), on files written to keep a fixer honest: comments
 * before, after and inside the edited mappings, anchors and aliases, flow and block
 * style, quoted keys, CRLF line endings, a byte order mark. Every test compares whole
 * files before and after, byte for byte.
 *
 * Only the rules under test run (`onlyRules`), so fixes added to other rules later do
 * not change what these files become.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, expectNoStackTrace, onlyRules, parseReport, runCli } from '../../support/run-cli.js';

const FIXED_RULES = ['no-version-field', 'require-internal-network'];

let tmp: string;
let only: string[];

beforeAll(() => {
  assertBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'composure-fix-'));
  only = onlyRules(...FIXED_RULES);
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A fresh project directory holding these files (text or bytes); returns its path. */
function project(name: string, files: Record<string, string | Uint8Array>): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  return dir;
}

const read = (dir: string, file = 'compose.yaml') => readFileSync(join(dir, file));
const lint = (dir: string, ...args: string[]) => runCli(['lint', ...args, ...only], { cwd: dir });

/** The hard case: every kind of comment around and inside the edits, anchors, quoted keys, flow and block. */
const SHOP = `# Shop stack — managed by the platform team.
version: "3.9"   # obsolete, kept by habit

x-logging: &logging
  driver: json-file
  options: { max-size: "10m" }

services:
  "proxy":                      # a quoted key
    image: nginx:1.27
    logging: *logging
    ports: ["443:443"]
    networks: [front, back, jobs]
  api:
    image: registry.example.com/shop/api:2.3.1
    logging: *logging
    networks:
      - front
      - back
      - jobs
  db:
    image: postgres:17
    networks: [back]
  cache:
    image: redis:7.4
    networks: [jobs]

networks:
  # The public side.
  front: {}
  # The data side: only the datastores and their clients.
  back:   # a comment on the key
    driver: bridge   # the default, written out
    # the end of back

  'jobs': {  driver: bridge  }   # flow, quoted key
# a trailing comment
`;

/** What --fix makes of SHOP: the obsolete `version` line gone, `internal: true` on the two datastore networks; every comment kept. */
const SHOP_FIXED = SHOP.replace('version: "3.9"   # obsolete, kept by habit\n', '')
  .replace('    driver: bridge   # the default, written out\n', '    driver: bridge   # the default, written out\n    internal: true\n')
  .replace("  'jobs': {  driver: bridge  }   # flow, quoted key", "  'jobs': {  driver: bridge, internal: true  }   # flow, quoted key");

const SHOP_DIFF = `--- a/compose.yaml
+++ b/compose.yaml
@@ -1,5 +1,4 @@
 # Shop stack — managed by the platform team.
-version: "3.9"   # obsolete, kept by habit
 
 x-logging: &logging
   driver: json-file
@@ -31,7 +30,8 @@
   # The data side: only the datastores and their clients.
   back:   # a comment on the key
     driver: bridge   # the default, written out
+    internal: true
     # the end of back
 
-  'jobs': {  driver: bridge  }   # flow, quoted key
+  'jobs': {  driver: bridge, internal: true  }   # flow, quoted key
 # a trailing comment
`;

const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe.concurrent('composure lint --fix', () => {
  it('fixes the file in place, keeping every comment, anchor, quote and blank line, then reports what remains', async () => {
    const dir = project('shop', { 'compose.yaml': SHOP });
    const result = await lint(dir, '--fix', '--format', 'json');
    expectNoStackTrace(result);
    expect(read(dir).toString('utf8')).toBe(SHOP_FIXED);
    expect(parseReport(result.stdout).flatMap((f) => f.messages)).toEqual([]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('is idempotent: a second --fix changes nothing, and --fix-dry-run then prints nothing and exits 0', async () => {
    const dir = project('twice', { 'compose.yaml': SHOP });
    expect((await lint(dir, '--fix')).code).toBe(0);
    const once = read(dir);
    expect((await lint(dir, '--fix')).code).toBe(0);
    expect(read(dir).equals(once)).toBe(true);
    const dry = await lint(dir, '--fix-dry-run');
    expect([dry.code, dry.stdout, dry.stderr]).toEqual([0, '', '']);
  });

  it('keeps CRLF line endings and a byte order mark', async () => {
    const dir = project('crlf', { 'compose.yaml': Buffer.concat([BOM, Buffer.from(crlf(SHOP))]) });
    expect((await lint(dir, '--fix')).code).toBe(0);
    expect(read(dir).equals(Buffer.concat([BOM, Buffer.from(crlf(SHOP_FIXED))]))).toBe(true);
  });

  it('fixes each file where its finding is: the override declares the network, both files carry a version', async () => {
    const base = 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n  db:\n    image: mysql:8.4\n';
    const override =
      "# Local additions.\nversion: '3.8'\nservices:\n  web:\n    networks: [default, data]\n  db:\n    networks: [data]\nnetworks:\n  data:\n    labels:\n      purpose: storage   # who uses it\n";
    const dir = project('override', { 'compose.yaml': base, 'compose.override.yaml': override });
    expect((await lint(dir, '--fix')).code).toBe(0);
    expect(read(dir).toString('utf8')).toBe('services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n  db:\n    image: mysql:8.4\n');
    expect(read(dir, 'compose.override.yaml').toString('utf8')).toBe(
      '# Local additions.\nservices:\n  web:\n    networks: [default, data]\n  db:\n    networks: [data]\nnetworks:\n  data:\n    labels:\n      purpose: storage   # who uses it\n    internal: true\n',
    );
  });

  it('leaves a declaration an alias shares as it is, and reports it', async () => {
    const text =
      'services:\n  app:\n    image: app:1.0\n    networks: [default, sessions, ledger]\n  sessions-db:\n    image: redis:7.4\n    networks: [sessions]\n  ledger-db:\n    image: postgres:17\n    networks: [ledger]\nnetworks:\n  sessions: &private\n    driver: bridge\n  ledger: *private\n';
    const dir = project('aliased', { 'compose.yaml': text });
    const result = await lint(dir, '--fix', '--format', 'json');
    expect(read(dir).toString('utf8')).toBe(text);
    expect(parseReport(result.stdout).flatMap((f) => f.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`))).toEqual([
      'require-internal-network 12:3',
      'require-internal-network 14:3',
    ]);
    expect(result.code).toBe(0);
  });

  it('leaves a file with a YAML error untouched, byte for byte, and reports the error (exit 1; 0 for a dry run with nothing to fix)', async () => {
    const text = 'version: "3.8"\nservices:\n  db:\n    image: postgres:17\n    networks: [back\nnetworks:\n  back: {}\n';
    const dir = project('broken', { 'compose.yaml': text });
    const result = await lint(dir, '--fix', '--format', 'json');
    expectNoStackTrace(result);
    expect(read(dir).toString('utf8')).toBe(text);
    expect(parseReport(result.stdout)[0].messages.some((m) => m.ruleId === 'yaml-syntax')).toBe(true);
    expect(result.code).toBe(1);
    // Nothing to fix is exit 0 for a dry run; standard error says why the file was not fixed.
    const dry = await lint(dir, '--fix-dry-run');
    expect([dry.code, dry.stdout, dry.stderr]).toEqual([0, '', 'composure: compose.yaml has YAML syntax errors: not fixed (composure lint shows them)\n']);
  });

  it('never writes an env file, and reads a file given on standard input without writing anything', async () => {
    const env = 'TAG=1.27  # kept as is\n';
    const dir = project('env', { 'compose.yaml': 'version: "3"\nservices:\n  web:\n    image: "nginx:${TAG}"\n', '.env': env });
    expect((await lint(dir, '--fix')).code).toBe(0);
    expect(read(dir).toString('utf8')).toBe('services:\n  web:\n    image: "nginx:${TAG}"\n');
    expect(read(dir, '.env').toString('utf8')).toBe(env);
    const stdin = await runCli(['lint', '-', '--fix', '--format', 'json', ...only], { cwd: dir, input: SHOP });
    expect(parseReport(stdin.stdout).flatMap((f) => f.messages.map((m) => m.ruleId))).toEqual([
      'no-version-field',
      'require-internal-network',
      'require-internal-network',
    ]);
  });
});

describe.concurrent('composure lint --fix-dry-run', () => {
  it('prints a unified diff of every change, writes nothing, and exits 1', async () => {
    const dir = project('dry', { 'compose.yaml': SHOP });
    const result = await lint(dir, '--fix-dry-run');
    expectNoStackTrace(result);
    expect(result.stdout).toBe(SHOP_DIFF);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(read(dir).toString('utf8')).toBe(SHOP);
  });

  it('diffs every project of the run, paths relative to the working directory, and writes the diff with -o', async () => {
    const one = project('multi/one', { 'compose.yaml': 'version: "3"\nservices:\n  web:\n    image: nginx:1.27\n' });
    project('multi/two', { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n' });
    const three = project('multi/three', { 'compose.yml': '# three\nversion: "2.4"\nservices:\n  web:\n    image: nginx:1.27\n' });
    const cwd = join(tmp, 'multi');
    const result = await runCli(['lint', 'one', 'two', 'three', '--fix-dry-run', ...only], { cwd });
    expect(result.stdout).toBe(
      [
        '--- a/one/compose.yaml',
        '+++ b/one/compose.yaml',
        '@@ -1,4 +1,3 @@',
        '-version: "3"',
        ' services:',
        '   web:',
        '     image: nginx:1.27',
        '--- a/three/compose.yml',
        '+++ b/three/compose.yml',
        '@@ -1,5 +1,4 @@',
        ' # three',
        '-version: "2.4"',
        ' services:',
        '   web:',
        '     image: nginx:1.27',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
    const toFile = await runCli(['lint', 'one', '--fix-dry-run', '-o', 'fixes.diff', ...only], { cwd });
    expect([toFile.code, toFile.stdout]).toEqual([1, '']);
    expect(readFileSync(join(cwd, 'fixes.diff'), 'utf8')).toBe(result.stdout.slice(0, result.stdout.indexOf('--- a/three')));
    expect(read(one).toString('utf8')).toContain('version');
    expect(read(three, 'compose.yml').toString('utf8')).toContain('version');
  });

  it('refuses --fix with --fix-dry-run (exit 2)', async () => {
    const dir = project('both', { 'compose.yaml': SHOP });
    const result = await lint(dir, '--fix', '--fix-dry-run');
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('composure: give either --fix or --fix-dry-run, not both');
    expect(read(dir).toString('utf8')).toBe(SHOP);
  });
});
