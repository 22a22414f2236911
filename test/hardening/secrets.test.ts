/**
 * Secrets never reach an output (issue 7, part 3), through the BUILT command line
 * (`npm run build` first). Passwords are planted everywhere a compose project holds
 * them — environment values (mapping and list syntax), connection URLs (postgres,
 * redis, amqp, http basic auth), a `.env` value used through `${VAR}` (alone and
 * inside a URL), an env_file, build args (mapping and list), a label, an `x-`
 * extension, a `.composure.yaml` exclusion reason, a `composure-disable` directive
 * reason — and then EVERY command and format runs on the project: lint in all 8
 * formats, with -o FILE, from standard input and with --fix-dry-run; config (yaml
 * and json); reach (text and json, matrix and --from/--to); diff (every format); graph (mermaid, dot, svg,
 * html, json, and -o FILE); explain; rules; init (and the file it writes); and a
 * broken project whose secrets sit next to its syntax errors. Standard output,
 * standard error and every written file are scanned for every planted secret.
 *
 * A finding may name the variable or key (DB_PASSWORD), never the value.
 *
 * `config` prints the resolved project like `docker compose config`, which prints
 * secrets; composure's masks them (docs/cli.md, "composure config"): values of
 * credential-shaped keys and passwords inside URLs become `********`. So there is no
 * exception here: `config` is scanned like everything else, and the masks are
 * asserted to be where the secrets were.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, expectNoStackTrace, parseReport, runCli, type RunResult } from '../support/run-cli.js';
import { eslintConfig, runEslint } from '../support/run-eslint.js';

/** Every planted secret: distinctive, so a hit anywhere is a leak. */
const S = {
  envMap: 'PlantEnvMap7q',
  envList: 'PlantEnvList7q',
  postgresUrl: 'PlantPgUrl7q',
  redisUrl: 'PlantRedisUrl7q',
  httpBasic: 'PlantHttpBasic7q',
  amqpUrl: 'PlantAmqpUrl7q',
  dotenv: 'PlantDotenv7q',
  dotenvInUrl: 'PlantDotenvUrl7q',
  dotenvInReason: 'PlantDotenvReason7q',
  envFile: 'PlantEnvFile7q',
  envFileUrl: 'PlantEnvFileUrl7q',
  buildArgMap: 'PlantArgMap7q',
  buildArgList: 'PlantArgList7q',
  label: 'PlantLabel7q',
  xExtension: 'PlantXExt7q',
  xExtensionUrl: 'PlantXUrl7q',
  configReason: 'PlantConfigReason7q',
  directiveReason: 'PlantDirective7q',
  postgres: 'PlantPostgres7q',
  brokenEnv: 'PlantBrokenEnv7q',
  brokenList: 'PlantBrokenList7q',
  brokenUrl: 'PlantBrokenUrl7q',
};
const SECRETS = Object.values(S);

// The x- extension comes first, so the --fix-dry-run diff (removing `version`) shows it as context.
const COMPOSE = `x-credentials:
  registry_token: ${S.xExtension}
  registry: https://deploy:${S.xExtensionUrl}@registry.example.com
version: "3.8"
services:
  api:
    image: example/api
    build:
      context: .
      args:
        NPM_TOKEN: ${S.buildArgMap}
    environment:
      DB_PASSWORD: ${S.envMap}
      DATABASE_URL: postgres://app:${S.postgresUrl}@db:5432/app
      CACHE_URL: redis://:${S.redisUrl}@cache:6379/0
      MIRROR_URL: https://ci:${S.httpBasic}@mirror.example.com/repo
      API_KEY: \${API_KEY}
      REPLICA_URL: postgres://app:\${REPLICA_PASSWORD}@db/app
    env_file: app.env
    labels:
      com.example.db.password: ${S.label}
    ports:
      - "8080:80"
    networks: [front, back]
  worker:
    image: example/worker:1.0
    build:
      context: ./worker
      args:
        - GITHUB_TOKEN=${S.buildArgList}
    environment:
      - REDIS_PASSWORD=${S.envList}
      - BROKER_URL=amqp://guest:${S.amqpUrl}@db:5672/
    # composure-disable-next-line no-unbound-port-interfaces -- see https://ops:${S.directiveReason}@wiki.example.com
    ports: ["9090:9090"]
    networks: [back]
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: ${S.postgres}
    networks: [back]
networks:
  front: {}
  back: {}
`;

const FILES: Record<string, string> = {
  'compose.yaml': COMPOSE,
  '.env': `API_KEY=${S.dotenv}\nREPLICA_PASSWORD=${S.dotenvInUrl}\nHINT=${S.dotenvInReason}\n`,
  'app.env': `SMTP_PASSWORD=${S.envFile}\nSMTP_URL=smtp://mailer:${S.envFileUrl}@smtp.example.com\n`,
  '.composure.yaml': `exclude:\n  - { rule: require-healthcheck, service: db, reason: "checked by https://ops:${S.configReason}@status.example.com" }\n`,
};

/** Broken YAML, with secrets next to each syntax error, and a required variable whose reason names a .env value. */
const BROKEN = `services:
  api:
    image: example/api:1
    environment:
      DB_PASSWORD: "${S.brokenEnv}
      OTHER: x
  db:
    image: postgres:16
    environment: [POSTGRES_PASSWORD=${S.brokenList}, URL=postgres://u:${S.brokenUrl}@db/x
    user: @root
    entrypoint: "\${GONE:?\${HINT}}"
`;

const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'checkstyle', 'codeclimate', 'compact'];
const GRAPH_FORMATS = ['mermaid', 'dot', 'svg', 'html', 'json'];
const DIFF_FORMATS = ['text', 'json', 'markdown', 'sarif', 'github'];

let tmp: string;
let project: string;
let broken: string;

function makeProject(name: string, files: Record<string, string>): string {
  const root = join(tmp, name);
  mkdirSync(join(root, '.git'), { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  return root;
}

beforeAll(() => {
  assertBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'composure-secrets-'));
  project = makeProject('project', FILES);
  broken = makeProject('broken', { 'compose.yaml': BROKEN, '.env': FILES['.env'] });
  // What `composure diff ../diff-base .` compares the projects with: everything they have is new.
  makeProject('diff-base', { 'compose.yaml': 'services:\n  api:\n    image: example/api:1\n' });
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** No planted secret in stdout, stderr or the files named; no stack trace. */
function expectNoSecret(label: string, result: RunResult, files: string[] = []): void {
  expectNoStackTrace(result);
  const outputs: [string, string][] = [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
    ...files.map((path): [string, string] => [path, readFileSync(path, 'utf8')]),
  ];
  const leaks = outputs.flatMap(([where, text]) => SECRETS.filter((s) => text.includes(s)).map((s) => `${where}: ${s}`));
  expect(leaks, `${label} leaks`).toEqual([]);
}

interface Case {
  label: string;
  args: string[];
  /** Files the command writes, relative to the project (scanned too). */
  writes?: string[];
  input?: string;
  code: number;
}

/** Every command and format on the project. */
const CASES: Case[] = [
  ...LINT_FORMATS.map((format): Case => ({ label: `lint --format ${format}`, args: ['lint', '.', '--format', format], code: 1 })),
  ...LINT_FORMATS.map((format): Case => ({
    label: `lint --format ${format} -o`,
    args: ['lint', '.', '--format', format, '-o', `report.${format}`],
    writes: [`report.${format}`],
    code: 1,
  })),
  { label: 'lint - (standard input)', args: ['lint', '-', '--stdin-filename', 'compose.yaml', '--format', 'json'], input: COMPOSE, code: 1 },
  { label: 'lint --fix-dry-run', args: ['lint', '.', '--fix-dry-run'], code: 1 },
  { label: 'config', args: ['config', '.'], code: 0 },
  { label: 'config --format json -o', args: ['config', '.', '--format', 'json', '-o', 'config.json'], writes: ['config.json'], code: 0 },
  { label: 'reach', args: ['reach', '.'], code: 0 },
  { label: 'reach --format json', args: ['reach', '.', '--format', 'json'], code: 0 },
  { label: 'reach --from --to', args: ['reach', '.', '--from', 'api', '--to', 'db'], code: 0 },
  { label: 'reach --from --to --format json', args: ['reach', '.', '--from', 'worker', '--to', 'api', '--format', 'json'], code: 0 },
  ...GRAPH_FORMATS.map((format): Case => ({ label: `graph --format ${format}`, args: ['graph', '.', '--format', format], code: 0 })),
  { label: 'graph --format html -o', args: ['graph', '.', '--format', 'html', '-o', 'topology.html'], writes: ['topology.html'], code: 0 },
  ...DIFF_FORMATS.map((format): Case => ({ label: `diff --format ${format}`, args: ['diff', '../diff-base', '.', '--format', format], code: 1 })),
  { label: 'explain', args: ['explain', 'no-secrets-in-environment'], code: 0 },
  { label: 'rules', args: ['rules'], code: 0 },
  { label: 'rules --format json', args: ['rules', '--format', 'json'], code: 0 },
  { label: '--help', args: ['--help'], code: 0 },
];

describe.concurrent('no planted secret in any output of any command', () => {
  it.each(CASES.map((c) => [c.label, c] as const))('%s', async (_, c) => {
    const result = await runCli(c.args, { cwd: project, input: c.input });
    expect(result.code, result.stderr).toBe(c.code);
    const written = (c.writes ?? []).map((f) => join(project, f));
    expect(result.stdout.length + written.length, 'the command printed or wrote something').toBeGreaterThan(0);
    expectNoSecret(c.label, result, written);
  });

  it('init: its message and the .composure.yaml it writes', async () => {
    const root = join(tmp, 'init');
    cpSync(project, root, { recursive: true });
    rmSync(join(root, '.composure.yaml'));
    const result = await runCli(['init', '.'], { cwd: root });
    expect(result.code).toBe(0);
    expect(readFileSync(join(root, '.composure.yaml'), 'utf8')).toMatch(/no-secrets-in-environment/);
    expectNoSecret('init', result, [join(root, '.composure.yaml')]);
  });

  it.each([
    ...LINT_FORMATS.map((format) => [`lint --format ${format}`, ['lint', '.', '--format', format]]),
    ['lint --fix-dry-run', ['lint', '.', '--fix-dry-run']],
    ['config', ['config', '.']],
    ['reach', ['reach', '.']],
    ['graph', ['graph', '.']],
    ['diff', ['diff', '../diff-base', '.']],
  ])('a broken project, secrets next to the syntax errors: %s', async (label, args) => {
    const result = await runCli(args as string[], { cwd: broken });
    // --fix-dry-run's exit code says whether there is a fix to show: none in a file that cannot be parsed.
    expect(result.code).toBe(label === 'lint --fix-dry-run' ? 0 : 1);
    if (label === 'lint --fix-dry-run') expect(result.stderr).toBe('composure: compose.yaml has YAML syntax errors: not fixed (composure lint shows them)\n');
    expect(result.stdout.length + result.stderr.length).toBeGreaterThan(0);
    expectNoSecret(`broken: ${label}`, result);
  });

  it('a broken project: init, and the file it writes', async () => {
    const root = join(tmp, 'broken-init');
    cpSync(broken, root, { recursive: true });
    const result = await runCli(['init', '.'], { cwd: root });
    const written = join(root, '.composure.yaml');
    expectNoSecret('broken: init', result, existsSync(written) ? [written] : []);
  });
});

// The ESLint plugin's messages are composure's findings; ESLint prints them. (ESLint's own `json`
// formatter adds each file's whole source text to its output: that is ESLint printing the file it
// was given, so only the messages of that format are scanned.)
describe.concurrent('the ESLint plugin under the real eslint binary: no planted secret in its messages', () => {
  const eslintProject = (name: string, from: string) => {
    const root = join(tmp, name);
    cpSync(from, root, { recursive: true });
    writeFileSync(join(root, 'eslint.config.mjs'), eslintConfig('export default [...composure.configs.all];'));
    return root;
  };

  it.each([
    // A file ESLint's YAML parser rejects gets one "Parsing error" and no rule runs, as ESLint does.
    ['the project', () => project, /composure\/no-secrets-in-environment/],
    ['the broken project', () => broken, /Parsing error: Missing closing "quote/],
  ])('%s: stylish, and the messages of json', async (label, from, shown) => {
    const root = eslintProject(`eslint-${label.replace(/\W+/g, '-')}`, from());
    const stylish = await runEslint(['compose.yaml'], root);
    expect(stylish.code, stylish.stderr).toBe(1);
    expect(stylish.stdout).toMatch(shown);
    expectNoSecret(`eslint on ${label}`, { code: stylish.code ?? -1, stdout: stylish.stdout, stderr: stylish.stderr });
    const json = await runEslint(['--format', 'json', 'compose.yaml'], root);
    const messages = (JSON.parse(json.stdout) as { messages: { message: string }[] }[]).flatMap((r) => r.messages.map((m) => m.message));
    expect(messages.length).toBeGreaterThan(0);
    expectNoSecret(`eslint --format json on ${label}`, { code: json.code ?? -1, stdout: messages.join('\n'), stderr: json.stderr });
  });
});

describe.concurrent('what the outputs say instead', () => {
  it('findings name the keys, never their values', async () => {
    const result = await runCli(['lint', '.', '--format', 'json'], { cwd: project });
    const messages = parseReport(result.stdout).flatMap((f) => f.messages.filter((m) => m.ruleId === 'no-secrets-in-environment').map((m) => m.message));
    for (const key of [
      'NPM_TOKEN',
      'DB_PASSWORD',
      'DATABASE_URL',
      'CACHE_URL',
      'MIRROR_URL',
      'GITHUB_TOKEN',
      'REDIS_PASSWORD',
      'BROKER_URL',
      'POSTGRES_PASSWORD',
    ]) {
      expect(
        messages.some((m) => m.includes(key)),
        key,
      ).toBe(true);
    }
  });

  it('config masks each planted value where it was: the .env values were resolved, then masked', async () => {
    const result = await runCli(['config', '.', '--format', 'json'], { cwd: project });
    const model = JSON.parse(result.stdout);
    expect(model.services.api.environment).toEqual({
      DB_PASSWORD: '********',
      DATABASE_URL: 'postgres://app:********@db:5432/app',
      CACHE_URL: 'redis://:********@cache:6379/0',
      MIRROR_URL: 'https://ci:********@mirror.example.com/repo',
      API_KEY: '********',
      REPLICA_URL: 'postgres://app:********@db/app',
    });
    expect(model.services.api.build.args).toEqual({ NPM_TOKEN: '********' });
    expect(model.services.api.labels).toEqual({ 'com.example.db.password': '********' });
    expect(model.services.worker.build.args).toEqual({ GITHUB_TOKEN: '********' });
    expect(model.services.worker.environment).toEqual({ REDIS_PASSWORD: '********', BROKER_URL: 'amqp://guest:********@db:5672/' });
    expect(model['x-credentials']).toEqual({ registry_token: '********', registry: 'https://deploy:********@registry.example.com' });
    // env_file is listed, never inlined.
    expect(JSON.stringify(model.services.api.env_file)).toContain('app.env');
    expect(model.services.api.environment).not.toHaveProperty('SMTP_PASSWORD');
  });

  it('--fix-dry-run shows the lines around a fix with their credentials masked', async () => {
    const result = await runCli(['lint', '.', '--fix-dry-run'], { cwd: project });
    expect(result.stdout).toContain(
      ' x-credentials:\n   registry_token: ********\n   registry: https://deploy:********@registry.example.com\n-version: "3.8"\n',
    );
  });

  it('a required variable whose message interpolates a .env value: the message as written', async () => {
    const result = await runCli(['lint', '.', '--format', 'json'], { cwd: broken });
    const messages = parseReport(result.stdout).flatMap((f) => f.messages.map((m) => m.message));
    expect(messages).toContainEqual(expect.stringMatching(/required variable GONE is missing a value: \$\{HINT\}$/));
  });
});
