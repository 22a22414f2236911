/**
 * Hostile and broken input through the BUILT command line (`npm run build` first):
 * every kind of bad input gets a clear finding or message, the right exit code,
 * no crash, no stack trace, in bounded time. Small inputs are fixtures in
 * test/fixtures/bad-input/; byte-exact and big inputs are generated in a temporary
 * directory at test time. All rules run (the default configuration), so a rule that
 * crashes on hostile input would show up as an "Internal error" finding.
 *
 * Times in comments were measured on the reference machine (2 cores, Node 20.20);
 * the bound asserted is deliberately generous. Each small input takes 0.2–0.4 s
 * (a CLI start), 1.5–3 s when the tests run concurrently on a busy machine.
 * `COMPOSURE_TEST_TIMES=1 npx vitest run test/hardening/bad-input.test.ts` prints every time.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceFile } from '@composure/core';
import { parseYaml } from '../../packages/core/src/source/parse-yaml.js';
import { assertBuilt, expectNoStackTrace, FIXTURES, parseCheckedReport, runCli, type JsonFileReport, type RunResult } from '../support/run-cli.js';

const F = join(FIXTURES, 'bad-input');
const BOUND_MS = 20_000;
const LOADER = new Set(['yaml-syntax', 'compose-schema', 'interpolation', 'compose-load']);

let tmp: string;

beforeAll(() => {
  assertBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'composure-bad-input-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Writes a file (text or bytes) into a fresh directory of the temporary area; returns its path. */
function generate(name: string, content: string | Uint8Array, fileName = 'compose.yaml'): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, fileName);
  writeFileSync(path, content);
  return path;
}

interface Linted {
  result: RunResult;
  report: JsonFileReport[];
}

/** `composure lint TARGET --format json`: no stack trace, JSON out, no rule crashed, within the bound. */
async function lint(target: string, extra: string[] = [], cwd = tmp, boundMs = BOUND_MS): Promise<Linted> {
  const result = await runCli(['lint', target, '--format', 'json', ...extra], { cwd, timeoutMs: 3 * BOUND_MS });
  expect(result.timedOut, `still running after ${3 * BOUND_MS} ms`).toBe(false);
  expectNoStackTrace(result);
  expect(result.signal).toBeNull();
  const report = parseCheckedReport(result.stdout);
  // COMPOSURE_TEST_TIMES=1 npx vitest run test/hardening/bad-input.test.ts prints the time of each run.
  if (process.env.COMPOSURE_TEST_TIMES)
    console.log(`${result.ms} ms  ${basename(target) === 'compose.yaml' ? basename(join(target, '..')) : basename(target)}`);
  expect(result.ms).toBeLessThan(boundMs);
  return { result, report };
}

type Row = [file: string, ruleId: string, severity: string, start: string, end: string, message: string];

/** The loader's findings (yaml-syntax, compose-schema, interpolation, compose-load), one row each. */
function loaderRows(report: JsonFileReport[]): Row[] {
  return report.flatMap((f) =>
    f.messages
      .filter((m) => LOADER.has(m.ruleId))
      .map((m): Row => [basename(f.filePath), m.ruleId, m.severity, `${m.line}:${m.column}`, `${m.endLine}:${m.endColumn}`, m.message]),
  );
}

describe.concurrent('YAML that is broken', () => {
  it('several syntax errors, each reported at its own position, without the schema errors of what the parser guessed on those lines', async () => {
    const { result, report } = await lint(join(F, 'syntax'));
    expect(loaderRows(report)).toEqual([
      ['compose.yaml', 'yaml-syntax', 'error', '6:1', '6:2', 'All mapping items must start at the same column.'],
      ['compose.yaml', 'yaml-syntax', 'error', '9:21', '9:25', 'Unexpected double-quoted-scalar at node end.'],
      ['compose.yaml', 'yaml-syntax', 'error', '12:11', '12:12', 'Plain value cannot start with reserved character @.'],
    ]);
    expect(result.code).toBe(1);
  });

  it('duplicate keys: an error at each repeated key', async () => {
    const { result, report } = await lint(join(F, 'duplicate-keys'));
    expect(loaderRows(report)).toEqual([
      ['compose.yaml', 'yaml-syntax', 'error', '4:5', '4:10', 'Duplicate key "image" (first set on line 3); the later value wins.'],
      ['compose.yaml', 'yaml-syntax', 'error', '7:3', '7:6', 'Duplicate key "web" (first set on line 2); the later value wins.'],
    ]);
    expect(result.code).toBe(1);
  });

  it('an empty file', async () => {
    const { result, report } = await lint(join(F, 'empty'));
    expect(loaderRows(report)).toEqual([['compose.yaml', 'compose-schema', 'error', '1:1', '1:1', 'The compose file is empty.']]);
    expect(result.code).toBe(1);
  });

  it('a root that is a list, and a root that is a scalar', async () => {
    const list = await lint(join(F, 'root-list'));
    expect(loaderRows(list.report)).toEqual([['compose.yaml', 'compose-schema', 'error', '1:1', '3:1', 'The top level of a compose file must be a mapping.']]);
    expect(list.result.code).toBe(1);
    const scalar = await lint(join(F, 'root-scalar'));
    expect(loaderRows(scalar.report)).toEqual([
      ['compose.yaml', 'compose-schema', 'error', '1:1', '1:14', 'The top level of a compose file must be a mapping.'],
    ]);
    expect(scalar.result.code).toBe(1);
  });

  it('tabs for indentation: a yaml-syntax error on each tabbed line', async () => {
    const { result, report } = await lint(join(F, 'tabs'));
    // The parser reads the tabbed lines as top-level keys: no "Unknown top-level key" for them.
    expect(loaderRows(report)).toEqual([
      ['compose.yaml', 'compose-schema', 'error', '1:1', '1:9', 'services must be a mapping, but is empty.'],
      ['compose.yaml', 'yaml-syntax', 'error', '2:1', '2:2', 'Tabs are not allowed as indentation.'],
      ['compose.yaml', 'yaml-syntax', 'error', '3:1', '3:3', 'Tabs are not allowed as indentation.'],
    ]);
    expect(result.code).toBe(1);
  });

  it('an alias to an anchor that does not exist is a yaml-syntax error (go-yaml: unknown anchor)', async () => {
    const path = generate('unknown-alias', 'services:\n  web:\n    image: nginx:1.27\n    labels: *nowhere\n');
    const { report } = await lint(path);
    // Today: no yaml-syntax finding, only "services.web.labels must be a mapping or a list, but is empty." at 4:13.
    expect(loaderRows(report).map((r) => [r[1], r[3]])).toContainEqual(['yaml-syntax', '4:13']);
  });
});

describe.concurrent('bytes that are not clean UTF-8 YAML', () => {
  it('binary garbage (pseudo-random bytes with NULs): one finding, not parsed', async () => {
    // A fixed-seed generator, so the first invalid byte (offset 0: 0xdc then 0x04) is always the same.
    let x = 12345;
    const bytes = new Uint8Array(4096).map(() => ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    bytes[10] = 0;
    bytes[20] = 0;
    const { result, report } = await lint(generate('binary', bytes));
    expect(loaderRows(report)).toEqual([
      ['compose.yaml', 'yaml-syntax', 'error', '1:1', '1:2', 'The file is not valid UTF-8 text (YAML requires Unicode); it was not parsed.'],
    ]);
    expect(result.code).toBe(1);
  });

  it('invalid UTF-8 (a Latin-1 é): the finding points at the bad byte', async () => {
    const text = Buffer.concat([Buffer.from('services:\n  web:\n    image: "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]);
    const { result, report } = await lint(generate('latin1', text));
    expect(loaderRows(report)).toEqual([
      ['compose.yaml', 'yaml-syntax', 'error', '3:16', '3:17', 'The file is not valid UTF-8 text (YAML requires Unicode); it was not parsed.'],
    ]);
    expect(result.code).toBe(1);
  });

  it('NUL and other control characters in valid UTF-8 are a yaml-syntax error (YAML 1.2 c-printable; go-yaml: control characters are not allowed)', async () => {
    const { report } = await lint(generate('nul', 'services:\n  web:\n    image: nginx:1.27\n\u0000\u0001binary\u0000\n'));
    expect(loaderRows(report)[0]).toEqual(['compose.yaml', 'yaml-syntax', 'error', '4:1', '4:2', expect.stringMatching(/control character/i)]);
  });

  it('a UTF-8 byte order mark lints fine, with columns that do not count it', async () => {
    const { result, report } = await lint(generate('bom', '\uFEFFversion: "3.8"\nservices:\n  web:\n    image: "nginx:${TAG}"\n'));
    expect(loaderRows(report)).toEqual([
      ['compose.yaml', 'interpolation', 'warning', '4:19', '4:25', 'The "TAG" variable is not set. Defaulting to a blank string.'],
    ]);
    const versionField = report[0].messages.find((m) => m.ruleId === 'no-version-field');
    expect(versionField && [versionField.line, versionField.column, versionField.endLine, versionField.endColumn]).toEqual([1, 1, 1, 8]);
    expect(result.code).toBe(0);
  });

  it('CRLF line endings: lines and columns as with LF', async () => {
    const text = 'version: "3.8"\r\nservices:\r\n  web:\r\n    image: "nginx:${TAG}"\r\n  db:\r\n    image: [postgres\r\n';
    const { result, report } = await lint(generate('crlf', text));
    expect(loaderRows(report)).toEqual([
      ['compose.yaml', 'interpolation', 'warning', '4:19', '4:25', 'The "TAG" variable is not set. Defaulting to a blank string.'],
      ['compose.yaml', 'compose-schema', 'error', '6:12', '7:1', 'services.db.image must be a string, not a list.'],
      ['compose.yaml', 'yaml-syntax', 'error', '7:1', '7:1', 'Flow sequence in block collection must be sufficiently indented and end with a ].'],
    ]);
    const versionField = report[0].messages.find((m) => m.ruleId === 'no-version-field');
    expect(versionField && [versionField.line, versionField.column, versionField.endLine, versionField.endColumn]).toEqual([1, 1, 1, 8]);
    expect(result.code).toBe(1);
  });
});

// One at a time: these are CPU-bound, and the times measured must be the input's, not the neighbours'.
describe.sequential('hostile sizes and shapes', () => {
  it('a billion-laughs alias bomb is cut off with one finding', async () => {
    // 10 levels of 10 aliases each: 10^10 values if expanded.
    let text = 'x-a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 10; i++)
      text += `x-a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(',')}]\n`;
    text += 'services:\n  web:\n    image: nginx:1.27\n    command: *a9\n';
    const { result, report } = await lint(generate('alias-bomb', text));
    const rows = loaderRows(report);
    expect(rows.map((r) => [r[0], r[1], r[2], r[5]])).toEqual([
      ['compose.yaml', 'yaml-syntax', 'error', 'Aliases expand to too many values (an alias bomb?); the rest of the document is ignored.'],
    ]);
    // At the alias written in the file whose copy ran out the budget: the first *a4 of `x-a5` (line 6).
    expect(rows[0][3]).toBe('6:12');
    expect(result.code).toBe(1);
    // Measured: ~3.0–3.5 s (most of it in interpolation's castFor over the 200,000 expanded values).
  }, 60_000);

  const NESTING = 'The document nests deeper than 200 levels; deeper values are ignored.';
  const deep = {
    // 20,000 levels each. Block mappings need one more column per level, so that one is 2,000 deep (2 MB).
    'flow sequences': ['services:\n  web:\n    image: nginx:1.27\nx-deep: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n', '4:209'],
    'flow mappings': ['services:\n  web:\n    image: nginx:1.27\nx-deep: ' + '{a: '.repeat(20_000) + '1' + '}'.repeat(20_000) + '\n', '4:809'],
    'block sequences': ['services:\n  web:\n    image: nginx:1.27\nx-deep:\n  ' + '- '.repeat(20_000) + 'x\n', '5:403'],
    'block mappings (2,000 deep)': [
      'services:\n  web:\n    image: nginx:1.27\nx-deep:\n' +
        Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 1)}k:\n`).join('') +
        `${' '.repeat(2001)}v: 1\n`,
      '205:202',
    ],
  };

  it.each(Object.entries(deep))(
    'deep nesting: %s → a yaml-syntax error where it passes 200 levels',
    async (name, [text, start]) => {
      const { result, report } = await lint(generate(`deep-${name.replace(/\W+/g, '-')}`, text));
      const rows = loaderRows(report);
      expect(rows[0].slice(0, 4)).toEqual(['compose.yaml', 'yaml-syntax', 'error', start]);
      expect(rows[0][5]).toBe(NESTING);
      // Whatever else is reported is a yaml-syntax error too (see the KNOWN BUG below).
      expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['yaml-syntax']));
      expect(result.code).toBe(1);
      // Measured: 0.6–0.9 s each (1.4–2.2 s with other jobs running).
    },
    60_000,
  );

  it('deep nesting is reported once, without the parser\'s internal "Maximum call stack size exceeded."', async () => {
    // 2,000 levels are enough to overflow the parser's stack (it gives up near 800 flow levels).
    const text = 'services:\n  web:\n    image: nginx:1.27\nx-deep: ' + '['.repeat(2000) + ']'.repeat(2000) + '\n';
    const { report } = await lint(generate('deep-once', text));
    expect(loaderRows(report).map((r) => r[5])).toEqual([NESTING]);
  });

  it('a mapping with 20,000 keys (20,000 services, 0.57 MB) lints, and duplicate-key checking stays linear', async () => {
    const wide = (n: number) => `services:\n${Array.from({ length: n }, (_, i) => `  s${i}:\n    image: "app:1"\n`).join('')}`;
    const result = await runCli(['lint', generate('wide', wide(20_000)), '--format', 'json'], { cwd: tmp, timeoutMs: 30_000 });
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(0);
    // The yaml package's own uniqueKeys check compares each key with every earlier one: O(n²)
    // (20,000 services 7.1 s, 40,000 services 21.5 s, 117,000 services 144 s). composure checks
    // duplicates itself: eight times the keys must cost about eight times the time, not 64.
    // A ratio of two sizes measured alike (the fastest of three runs) holds on a loaded machine,
    // where a time bound would not.
    const time = (text: string) =>
      Math.min(
        ...[0, 1, 2].map(() => {
          const start = performance.now();
          parseYaml(new SourceFile('/w/compose.yaml', text));
          return performance.now() - start;
        }),
      );
    const [small, large] = [wide(2_500), wide(20_000)];
    expect(time(large) / time(small)).toBeLessThan(24);
  }, 60_000);

  it('a 1 MB single line, and an error right after it at the right position', async () => {
    const long = 'echo hi; '.repeat(116_509);
    const text = `services:\n  web:\n    image: nginx:1.27\n    command: ["sh", "-c", "${long}"]\n    user: @root\n`;
    const { result, report } = await lint(generate('long-line', text));
    expect(text.split('\n')[3].length).toBeGreaterThan(1024 * 1024);
    expect(loaderRows(report)).toEqual([['compose.yaml', 'yaml-syntax', 'error', '5:11', '5:12', 'Plain value cannot start with reserved character @.']]);
    expect(result.code).toBe(1);
    // An error at the far end of a 1 MB line: the column counts every character before it.
    const prefix = `    command: "${long}" `;
    const far = await lint(generate('long-line-far', `services:\n  web:\n    image: nginx:1.27\n${prefix}"extra"\n`));
    expect(loaderRows(far.report)).toEqual([
      ['compose.yaml', 'yaml-syntax', 'error', `4:${prefix.length + 1}`, `4:${prefix.length + 8}`, 'Unexpected double-quoted-scalar at node end.'],
    ]);
    expect(far.result.code).toBe(1);
    // Measured: 0.7–0.9 s each.
  }, 60_000);
});

describe.concurrent('files and directories that are not there', () => {
  it('a missing file: exit 2', async () => {
    const result = await runCli(['lint', 'nope.yaml', '--format', 'json'], { cwd: tmp });
    expectNoStackTrace(result);
    expect(result.stderr).toBe(`composure: no such file: ${join(tmp, 'nope.yaml')}\n`);
    expect(result.code).toBe(2);
  });

  it('a missing directory: exit 2', async () => {
    const result = await runCli(['lint', 'no/such/dir', '--format', 'json'], { cwd: tmp });
    expectNoStackTrace(result);
    expect(result.stderr).toBe(`composure: no such file: ${join(tmp, 'no/such/dir')}\n`);
    expect(result.code).toBe(2);
  });

  it('a directory with no compose file: exit 2', async () => {
    const dir = join(tmp, 'no-compose');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'README.md'), '# not a compose project\n');
    const result = await runCli(['lint', dir, '--format', 'json'], { cwd: tmp });
    expectNoStackTrace(result);
    expect(result.stderr).toBe(`composure: no compose file found in ${dir} (looked for compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml)\n`);
    expect(result.code).toBe(2);
  });

  it('-f DIRECTORY: exit 2', async () => {
    const result = await runCli(['lint', '-f', F], { cwd: tmp });
    expectNoStackTrace(result);
    expect(result.stderr).toBe(`composure: ${F} is a directory, not a compose file\n`);
    expect(result.code).toBe(2);
  });

  it('a compose.yaml that is a symlink loop is exit 2 with a clear message, not an internal error', async () => {
    const dir = join(tmp, 'symlink-loop');
    mkdirSync(dir, { recursive: true });
    symlinkSync('compose.yaml', join(dir, 'compose.yaml'));
    const result = await runCli(['lint', dir], { cwd: tmp });
    expect(result.code).toBe(2);
    // Today: "composure: internal error (Error: ELOOP: too many symbolic links encountered, stat '…/compose.yaml'). Please report it."
    expectNoStackTrace(result);
  });

  it('an env_file whose path goes through a file (ENOTDIR) is a compose-load finding, not an internal error', async () => {
    const path = generate('env-enotdir', 'services:\n  web:\n    image: nginx:1.27\n    env_file: compose.yaml/app.env\n');
    const { report } = await lint(path);
    expect(loaderRows(report).map((r) => [r[1], r[3]])).toEqual([['compose-load', '4:15']]);
  });
});

describe.concurrent('references that cannot be followed: a finding at the reference', () => {
  it('an extends cycle within a file', async () => {
    const { result, report } = await lint(join(F, 'extends-cycle'));
    expect(loaderRows(report)).toEqual([['compose.yaml', 'compose-load', 'error', '6:14', '6:15', 'Circular extends: a → b → a.']]);
    expect(result.code).toBe(1);
  });

  it('an extends cycle across two files', async () => {
    const { result, report } = await lint(join(F, 'extends-cycle-files'));
    expect(loaderRows(report)).toEqual([
      ['base.yaml', 'compose-load', 'error', '6:16', '6:17', 'Circular extends: a (compose.yaml) → b (base.yaml) → a (compose.yaml).'],
    ]);
    expect(result.code).toBe(1);
  });

  it('an include cycle', async () => {
    const { result, report } = await lint(join(F, 'include-cycle'));
    expect(loaderRows(report)).toEqual([['other.yaml', 'compose-load', 'error', '2:5', '2:17', 'Include cycle: compose.yaml → other.yaml → compose.yaml.']]);
    expect(result.code).toBe(1);
  });

  it('an extends cycle and an include cycle through 200 files each: one finding, named by its ends', async () => {
    for (let i = 0; i < 200; i++) {
      generate('extends-ring', `services:\n  s:\n    image: "app:1"\n    extends: { file: f${(i + 1) % 200}.yaml, service: s }\n`, `f${i}.yaml`);
      generate('include-ring', `include: [f${(i + 1) % 200}.yaml]\nservices:\n  s${i}:\n    image: "app:1"\n`, `f${i}.yaml`);
    }
    const extendsRing = await lint(join(tmp, 'extends-ring', 'f0.yaml'));
    expect(loaderRows(extendsRing.report)).toEqual([
      [
        'f199.yaml',
        'compose-load',
        'error',
        '4:40',
        '4:41',
        'Circular extends: s (f0.yaml) → s (f1.yaml) → s (f2.yaml) → … → s (f198.yaml) → s (f199.yaml) → s (f0.yaml) (200 steps).',
      ],
    ]);
    const includeRing = await lint(join(tmp, 'include-ring', 'f0.yaml'));
    expect(loaderRows(includeRing.report)).toEqual([
      ['f199.yaml', 'compose-load', 'error', '1:11', '1:18', 'Include cycle: f0.yaml → f1.yaml → f2.yaml → … → f198.yaml → f199.yaml → f0.yaml (200 steps).'],
    ]);
  });

  it('a missing include file, extends file and env_file (an optional env_file is fine)', async () => {
    const { result, report } = await lint(join(F, 'missing-refs'));
    expect(loaderRows(report)).toEqual([
      ['compose.yaml', 'compose-load', 'error', '2:5', '2:25', 'The included file missing-include.yaml does not exist.'],
      ['compose.yaml', 'compose-load', 'error', '7:13', '7:30', 'Cannot extend service "a": the file missing-base.yaml cannot be read.'],
      ['compose.yaml', 'compose-load', 'error', '11:15', '11:26', 'The env_file missing.env of service "b" does not exist.'],
    ]);
    expect(result.code).toBe(1);
  });

  describe('remote includes', () => {
    let server: Server;
    let requests = 0;
    let port = 0;

    beforeAll(async () => {
      server = createServer((_, res) => {
        requests++;
        res.end('services:\n  remote:\n    image: nginx:1.27\n');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('a warning at each remote reference, and nothing is ever fetched', async () => {
      const url = `http://127.0.0.1:${port}/compose.yaml`;
      const text = `include:\n  - ${url}\n  - oci://docker.io/example/stack:1.0\n  - path: git@github.com:example/stack.git\nservices:\n  web:\n    image: nginx:1.27\n`;
      const { result, report } = await lint(generate('remote-include', text));
      const notFetched = (ref: string) => `The remote include ${ref} is not fetched; its services are not analysed.`;
      expect(loaderRows(report)).toEqual([
        ['compose.yaml', 'compose-load', 'warning', '2:5', `2:${5 + url.length}`, notFetched(url)],
        ['compose.yaml', 'compose-load', 'warning', '3:5', '3:38', notFetched('oci://docker.io/example/stack:1.0')],
        ['compose.yaml', 'compose-load', 'warning', '4:11', '4:43', notFetched('git@github.com:example/stack.git')],
      ]);
      expect(requests).toBe(0);
      expect(result.code).toBe(0);
    });
  });
});
