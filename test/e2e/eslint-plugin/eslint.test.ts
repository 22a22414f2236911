/**
 * The BUILT ESLint plugin (packages/eslint-plugin/dist) under the real `eslint` binary, as a user
 * runs it: a temporary project whose eslint.config.mjs is `[...composure.configs.recommended]`,
 * `eslint --format json` on compose files (findings across several rules, a disable comment, a
 * clean file, a YAML syntax error, an override, a broken .composure.yaml), `--fix`, the plugin
 * combined with eslint-plugin-yml's own config; and the same findings (ids, lines, columns) as
 * the built `composure lint --format json` on the examples and on the rules' fixtures.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, parseReport, ROOT, runCli } from '../../support/run-cli.js';
import { eslintConfig, PLUGIN, runEslint, YML } from '../../support/run-eslint.js';

interface EslintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
}
interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages?: EslintMessage[];
  output?: string;
}

async function eslintJson(args: string[], cwd: string): Promise<EslintResult[]> {
  const result = await runEslint(['--format', 'json', ...args], cwd);
  try {
    return JSON.parse(result.stdout) as EslintResult[];
  } catch {
    throw new Error(`eslint printed no JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}

const APP = `version: "3.8"
services:
  web:
    image: nginx:1.27
    privileged: true
    ports:
      - "8080:80"
    networks: [front, missing]
    healthcheck:
      test: ["CMD", "true"]
  db:
    image: postgres:latest
    # eslint-disable-next-line composure/no-privileged
    privileged: true
    networks: [front]
    healthcheck:
      test: ["CMD", "true"]
networks:
  front: {}
`;

const OVERRIDE = `services:
  web:
    cap_add: [SYS_ADMIN]
`;

const CLEAN = `services:
  web:
    image: nginx:1.27
    ports:
      - "127.0.0.1:8080:80"
    healthcheck:
      test: ["CMD", "true"]
`;

const BROKEN = `services:
  web:
    image: [nginx
`;

/** A file that is not a default compose file name: linted alone, as `composure lint FILE`. */
const STANDALONE = `services:
  api:
    image: example/api:1.0
    # composure-disable-next-line no-docker-socket-mount -- read-only metrics
    volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]
    network_mode: host
    healthcheck:
      test: ["CMD", "true"]
`;

let dir: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

const configFor = eslintConfig;

beforeAll(() => {
  assertBuilt();
  if (!existsSync(PLUGIN)) throw new Error(`${PLUGIN} does not exist: run \`npm run build\` before the end-to-end tests`);
  dir = mkdtempSync(join(tmpdir(), 'composure-eslint-'));
  write('eslint.config.mjs', configFor('export default [...composure.configs.recommended];'));
  write(
    'combined.config.mjs',
    configFor(
      `import yml from ${JSON.stringify(pathToFileURL(YML).href)};\nexport default [...yml.configs['flat/recommended'], ...composure.configs.recommended, { files: ['**/*.yaml'], rules: { 'yml/no-empty-mapping-value': 'error' } }];`,
    ),
  );
  write('app/compose.yaml', APP);
  write('app/compose.override.yaml', OVERRIDE);
  write('clean/compose.yaml', CLEAN);
  write('broken/compose.yaml', BROKEN);
  write('standalone/docker-compose.prod.yml', STANDALONE);
  write('badconfig/compose.yaml', CLEAN);
  write('badconfig/.composure.yaml', 'rules:\n  no-such-rule: error\n');
  write('fixme/compose.yaml', APP);
  write('bom/compose.yaml', `\uFEFF${APP}`);
  write('bomfix/compose.yaml', `\uFEFF${APP}`);
  write('notcompose/settings.yaml', 'version: "3.8"\nprivileged: true\n');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const positions = (r: EslintResult | undefined) =>
  (r?.messages ?? []).map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.severity === 2 ? 'error' : 'warn'} ${m.ruleId}`);

describe('eslint with composure.configs.recommended', () => {
  let results: EslintResult[];
  const resultOf = (path: string) => results.find((r) => r.filePath === join(dir, path));

  beforeAll(async () => {
    results = await eslintJson(['.'], dir);
  });

  it('lints exactly the compose files (the configs scope themselves to compose file names)', () => {
    expect(
      results
        .map((r) => relative(dir, r.filePath))
        .filter((f) => /\.ya?ml$/.test(f))
        .sort(),
    ).toEqual([
      'app/compose.override.yaml',
      'app/compose.yaml',
      'badconfig/compose.yaml',
      'bom/compose.yaml',
      'bomfix/compose.yaml',
      'broken/compose.yaml',
      'clean/compose.yaml',
      'fixme/compose.yaml',
      'standalone/docker-compose.prod.yml',
    ]);
  });

  it('reports the findings of several rules with their positions, severities (info → warn) and messages', () => {
    expect(positions(resultOf('app/compose.yaml'))).toEqual([
      '1:1-1:8 warn composure/no-version-field',
      '5:17-5:21 error composure/no-privileged',
      '7:9-7:18 warn composure/no-unbound-port-interfaces',
      '8:16-8:21 warn composure/no-exposed-datastore-access',
      '8:23-8:30 error composure/no-undefined-network',
      '12:12-12:27 warn composure/require-image-tag',
    ]);
    const messages = resultOf('app/compose.yaml')!.messages;
    expect(messages[1].message).toMatch(/^Service "web" runs privileged \(privileged: true\)/);
    expect(messages[4].message).toBe(
      'Service "web" joins network "missing", which is not declared under the top-level networks: declare it there or fix the name.',
    );
  });

  it('honours # eslint-disable-next-line composure/RULE (the finding is suppressed, not lost)', () => {
    const result = resultOf('app/compose.yaml')!;
    expect(result.messages.some((m) => m.line === 14)).toBe(false);
    expect((result.suppressedMessages ?? []).map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['14:17 composure/no-privileged']);
  });

  it('reports a finding in the override file when the override is linted, never in the base file', () => {
    expect(positions(resultOf('app/compose.override.yaml'))).toEqual(['3:15-3:24 error composure/no-dangerous-capabilities']);
    expect(positions(resultOf('app/compose.yaml')).some((p) => p.includes('no-dangerous-capabilities'))).toBe(false);
  });

  it('puts findings at the same places in a file that starts with a byte order mark', () => {
    expect(positions(resultOf('bom/compose.yaml'))).toEqual(positions(resultOf('app/compose.yaml')));
  });

  it('reports nothing on a clean file', () => {
    expect(resultOf('clean/compose.yaml')!.messages).toEqual([]);
  });

  it("reports a YAML syntax error as ESLint's fatal parsing error", () => {
    const messages = resultOf('broken/compose.yaml')!.messages;
    expect(messages).toHaveLength(1);
    // Where eslint-plugin-yml's parser puts it (its column, as ESLint prints it).
    expect(messages[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2, line: 4, column: 0 });
    expect(messages[0].message).toMatch(/^Parsing error: /);
  });

  it("lints a file of another name alone, and composure's own disable comments keep working", () => {
    expect(positions(resultOf('standalone/docker-compose.prod.yml'))).toEqual(['6:19-6:23 warn composure/no-host-network']);
  });

  it('turns a configuration that cannot be read into one compose-load report on line 1, not a crash', () => {
    const messages = resultOf('badconfig/compose.yaml')!.messages;
    expect(messages.map((m) => `${m.line}:${m.column} ${m.severity} ${m.ruleId} ${m.message}`)).toEqual([
      `1:1 2 composure/compose-load invalid configuration in ${join(dir, 'badconfig/.composure.yaml')}: unknown key "no-such-rule" in rules`,
    ]);
  });
});

describe('eslint --fix', () => {
  it("applies composure's fixes and leaves the disabled and unfixable findings", async () => {
    const result = await runEslint(['--fix', 'fixme/compose.yaml'], dir);
    expect(result.code).toBe(1);
    expect(readFileSync(join(dir, 'fixme/compose.yaml'), 'utf8')).toBe(APP.replace('version: "3.8"\n', ''));
    // composure's own fixer gives the same text.
    const twin = join(dir, 'fixme-cli');
    mkdirSync(twin);
    writeFileSync(join(twin, 'compose.yaml'), APP);
    await runCli(['lint', '--fix', twin]);
    expect(readFileSync(join(twin, 'compose.yaml'), 'utf8')).toBe(readFileSync(join(dir, 'fixme/compose.yaml'), 'utf8'));
  });

  it('fixes a file that starts with a byte order mark at the right offsets, keeping the mark', async () => {
    await runEslint(['--fix', 'bomfix/compose.yaml'], dir);
    expect(readFileSync(join(dir, 'bomfix/compose.yaml'), 'utf8')).toBe(`\uFEFF${APP.replace('version: "3.8"\n', '')}`);
  });
});

describe("with eslint-plugin-yml's own configs", () => {
  it('combines with yml.configs["flat/recommended"] without "Cannot redefine plugin"; yml/* and composure/* on one parse', async () => {
    const results = await eslintJson(['-c', 'combined.config.mjs', 'app/compose.yaml', 'notcompose/settings.yaml'], dir);
    const app = results.find((r) => r.filePath.endsWith('app/compose.yaml'))!;
    expect(positions(app).filter((p) => p.includes('composure/'))).toHaveLength(6);
    // A YAML file that is not a compose file gets yml rules only.
    const other = results.find((r) => r.filePath.endsWith('settings.yaml'))!;
    expect(other.messages.every((m) => !m.ruleId?.startsWith('composure/'))).toBe(true);
  });
});

/** The rules' single-file fixtures with no configuration of their own (x-composure), held in the repository. */
function heldInFixtures(): string[] {
  const rulesDir = join(ROOT, 'rules/src');
  const out: string[] = [];
  for (const rule of readdirSync(rulesDir)) {
    for (const kind of ['valid', 'invalid']) {
      const fixtures = join(rulesDir, rule, 'fixtures', kind);
      if (!existsSync(fixtures)) continue;
      for (const name of readdirSync(fixtures)) {
        const path = join(fixtures, name);
        if (!/\.ya?ml$/.test(name) || name.includes('.output.') || statSync(path).isDirectory()) continue;
        if (readFileSync(path, 'latin1').includes('x-composure')) continue;
        out.push(path);
      }
    }
  }
  return out.sort();
}

describe('the same findings as composure lint', () => {
  interface Row {
    file: string;
    finding: string;
  }
  /** In one order: files and positions (ESLint orders files by path, and findings at one position by rule). */
  const sorted = (rows: Row[]) => [...rows].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || compareFinding(a.finding, b.finding));
  const compareFinding = (a: string, b: string) => {
    const [la, ca] = a.split(/[:-]/).map(Number);
    const [lb, cb] = b.split(/[:-]/).map(Number);
    return la - lb || ca - cb || (a < b ? -1 : a > b ? 1 : 0);
  };
  const fromEslint = (results: EslintResult[]): Row[] =>
    results.flatMap((r) =>
      r.messages.map((m) => ({
        file: r.filePath,
        finding: `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId?.replace(/^composure\//, '') ?? `fatal ${m.message}`}`,
      })),
    );

  it('on the examples (each directory as `composure lint DIR`)', async () => {
    const examples = join(dir, 'examples');
    cpSync(join(ROOT, 'examples'), examples, { recursive: true });
    const names = readdirSync(examples).sort();
    const eslint = fromEslint(await eslintJson(['examples'], dir));
    const cli = await runCli(['lint', '--format', 'json', ...names.map((n) => join(examples, n))], { cwd: dir });
    const rows = (stdout: string, only?: string): Row[] =>
      parseReport(stdout)
        .filter((r) => only === undefined || r.filePath === only)
        .flatMap((r) => r.messages.map((m) => ({ file: r.filePath, finding: `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId}` })));
    const composure: Row[] = rows(cli.stdout);
    // A variant beside compose.yaml (compose.nginx.yaml) is not read by `lint DIR`; ESLint lints it as
    // a file of its own, as `composure lint VARIANT` does.
    for (const name of names) {
      for (const variant of readdirSync(join(examples, name)).filter((f) => /^compose\.(?!override\.)[\w-]+\.ya?ml$/.test(f))) {
        const overlay = await runCli(['lint', '--format', 'json', variant], { cwd: join(examples, name) });
        composure.push(...rows(overlay.stdout, join(examples, name, variant)));
      }
    }
    expect(composure.some((row) => row.file.endsWith('compose.nginx.yaml'))).toBe(true);
    expect(composure.length).toBeGreaterThan(20);
    expect(sorted(eslint)).toEqual(sorted(composure));
  });

  it("on the rules' held-in fixtures (each as `composure lint FILE`)", async () => {
    const copies = join(dir, 'held-in');
    const fixtures = heldInFixtures();
    // Under a compose file name (which the configs lint), each in a directory of its own.
    const targets = fixtures.map((path, i) => {
      const target = join(copies, `${String(i).padStart(3, '0')}`, `compose.${basename(path)}`);
      mkdirSync(dirname(target), { recursive: true });
      cpSync(path, target);
      return target;
    });
    const eslint = fromEslint(await eslintJson(['held-in'], dir));
    const cli = await runCli(['lint', '--format', 'json', ...targets], { cwd: dir });
    // ESLint stops at a YAML syntax error its parser rejects; composure then reports what it still
    // understands. Those files are compared on their first error only.
    const rejected = new Set(eslint.filter((r) => r.finding.includes(' fatal ')).map((r) => r.file));
    const composure: Row[] = parseReport(cli.stdout).flatMap((r) =>
      rejected.has(r.filePath) ? [] : r.messages.map((m) => ({ file: r.filePath, finding: `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId}` })),
    );
    expect(fixtures.length).toBeGreaterThan(250);
    expect(sorted(eslint.filter((r) => !rejected.has(r.file)))).toEqual(sorted(composure));
    for (const file of rejected) {
      expect(
        parseReport(cli.stdout)
          .find((r) => r.filePath === file)!
          .messages.some((m) => m.ruleId === 'yaml-syntax'),
      ).toBe(true);
    }
  });
});
