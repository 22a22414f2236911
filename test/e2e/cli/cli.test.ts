/**
 * End-to-end tests of the BUILT command line (`npm run build` first): each test
 * spawns `node packages/cli/dist/composure.js …` with pipes (not a TTY) and a clean
 * environment, against the fixture projects in test/fixtures/cli/, and asserts the
 * exact standard output, standard error and exit code.
 *
 * Tests that assert exact lint output pass `onlyRules(...)` (see support/run-cli.ts)
 * so that rules added later do not change what the fixture reports.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { allRuleIds, assertBuilt, CLI, expectNoStackTrace, FIXTURES, onlyRules, parseReport, ROOT, runCli, type RunResult } from '../../support/run-cli.js';

const F = join(FIXTURES, 'cli');
const at = (...parts: string[]) => join(F, ...parts);
const ESC = '\u001b';

const VERSION_MSG = 'The top-level `version` is obsolete: Docker Compose ignores it. Remove it.';
const unset = (name: string) => `The "${name}" variable is not set. Defaulting to a blank string.`;

let tmp: string;

beforeAll(() => {
  assertBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'composure-cli-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Exit code 2 with a clear message: first line `composure: …`, at most a usage hint after it, empty stdout. */
function expectUsageOrIoError(result: RunResult, firstLine: string | RegExp) {
  expectNoStackTrace(result);
  expect(result.code).toBe(2);
  const lines = result.stderr.split('\n');
  expect(lines.at(-1)).toBe(''); // ends with a newline
  if (typeof firstLine === 'string') expect(lines[0]).toBe(firstLine);
  else expect(lines[0]).toMatch(firstLine);
  expect(lines.slice(1, -1).every((l) => l === 'Run composure --help for usage.')).toBe(true);
}

describe.concurrent('composure lint: output formats', () => {
  it('stylish: exact text, paths relative to the working directory, summary line; warnings only → exit 0', async () => {
    const result = await runCli(['lint', 'warnings', ...onlyRules('no-version-field')], { cwd: F });
    expectNoStackTrace(result);
    expect(result.stdout).toBe(
      [
        'warnings/compose.yaml',
        `  1:1   warning  ${VERSION_MSG}  no-version-field`,
        `  4:19  warning  ${unset('NGINX_TAG')}  interpolation`,
        '',
        '⚠ 2 problems (0 errors, 2 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('stylish: a file given by path, from inside its directory, prints as compose.yaml', async () => {
    const result = await runCli(['lint', 'compose.yaml', ...onlyRules('no-version-field')], { cwd: at('warnings') });
    expect(result.stdout.split('\n')[0]).toBe('compose.yaml');
    expect(result.code).toBe(0);
  });

  it('lint is the default command: `composure DIR` is `composure lint DIR`', async () => {
    const a = await runCli(['warnings', ...onlyRules('no-version-field')], { cwd: F });
    const b = await runCli(['lint', 'warnings', ...onlyRules('no-version-field')], { cwd: F });
    expect(a.stdout).toBe(b.stdout);
    expect(a.code).toBe(0);
  });

  it('an error finding → exit 1; errors sorted by position with warnings', async () => {
    const result = await runCli(['lint', 'errors', ...onlyRules('no-version-field')], { cwd: F });
    expectNoStackTrace(result);
    expect(result.stdout).toBe(
      [
        'errors/compose.yaml',
        `  1:1   warning  ${VERSION_MSG}  no-version-field`,
        '  5:14  error    services.web.restart must be one of: no, always, on-failure[:max-retries], unless-stopped, not "sometimes".  compose-schema',
        `  7:20  warning  ${unset('WORKER_TAG')}  interpolation`,
        '',
        '✖ 3 problems (1 error, 2 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
  });

  it('a clean project prints nothing and exits 0', async () => {
    const result = await runCli(['lint', 'clean', ...onlyRules()], { cwd: F });
    expect(result).toMatchObject({ stdout: '', stderr: '', code: 0 });
  });

  it('--format json: exactly the shape docs/formats.md#json documents, absolute filePath, counts', async () => {
    const result = await runCli(['lint', 'warnings', '--format', 'json', ...onlyRules('no-version-field')], { cwd: F });
    expectNoStackTrace(result);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.endsWith('\n')).toBe(true);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        filePath: at('warnings', 'compose.yaml'),
        messages: [
          { ruleId: 'no-version-field', severity: 'warning', message: VERSION_MSG, line: 1, column: 1, endLine: 1, endColumn: 8 },
          { ruleId: 'interpolation', severity: 'warning', message: unset('NGINX_TAG'), line: 4, column: 19, endLine: 4, endColumn: 31 },
        ],
        errorCount: 0,
        warningCount: 2,
        infoCount: 0,
      },
    ]);
  });

  it('--format json: one entry per file read, in reading order, clean files included with empty messages', async () => {
    const result = await runCli(
      ['lint', '-f', 'multi/a.yaml', '-f', 'multi/b.yaml', '--profile', 'debug', '--format', 'json', ...onlyRules('no-undefined-service')],
      { cwd: F },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { filePath: at('multi', 'a.yaml'), messages: [], errorCount: 0, warningCount: 0, infoCount: 0 },
      {
        filePath: at('multi', 'b.yaml'),
        messages: [{ ruleId: 'interpolation', severity: 'warning', message: unset('GREETING'), line: 4, column: 18, endLine: 4, endColumn: 29 }],
        errorCount: 0,
        warningCount: 1,
        infoCount: 0,
      },
    ]);
  });

  it('--format json on a clean project: the file with empty messages, exit 0', async () => {
    const result = await runCli(['lint', 'clean', '--format', 'json', ...onlyRules()], { cwd: F });
    expect(JSON.parse(result.stdout)).toEqual([{ filePath: at('clean', 'compose.yaml'), messages: [], errorCount: 0, warningCount: 0, infoCount: 0 }]);
    expect(result.code).toBe(0);
  });

  it('several PATH arguments: one report over every project', async () => {
    const result = await runCli(['lint', 'clean', 'warnings', '--format', 'json', ...onlyRules('no-version-field')], { cwd: F });
    const report = parseReport(result.stdout);
    expect(report.map((r) => [r.filePath, r.warningCount])).toEqual([
      [at('clean', 'compose.yaml'), 0],
      [at('warnings', 'compose.yaml'), 2],
    ]);
    expect(result.code).toBe(0);
  });

  it('COMPOSURE_FORMAT=json selects JSON; --format wins over it', async () => {
    const json = await runCli(['lint', 'warnings', ...onlyRules('no-version-field')], { cwd: F, env: { COMPOSURE_FORMAT: 'json' } });
    expect(parseReport(json.stdout)[0].warningCount).toBe(2);
    const stylish = await runCli(['lint', 'warnings', '--format', 'stylish', ...onlyRules('no-version-field')], { cwd: F, env: { COMPOSURE_FORMAT: 'json' } });
    expect(stylish.stdout.startsWith('warnings/compose.yaml\n')).toBe(true);
  });
});

describe.concurrent('composure lint: severities and exit codes', () => {
  it('--max-warnings 0 turns warnings into exit 1, with the reason on stderr', async () => {
    const result = await runCli(['lint', 'warnings', '--max-warnings', '0', ...onlyRules('no-version-field')], { cwd: F });
    expectNoStackTrace(result);
    expect(result.stdout).toContain('⚠ 2 problems (0 errors, 2 warnings, 0 infos)\n');
    expect(result.stderr).toBe('composure: 2 warnings exceed --max-warnings 0\n');
    expect(result.code).toBe(1);
  });

  it('--max-warnings N is "more than N": 2 warnings pass --max-warnings 2', async () => {
    const result = await runCli(['lint', 'warnings', '--max-warnings', '2', ...onlyRules('no-version-field')], { cwd: F });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('--quiet reports errors only (the exit code still follows the errors)', async () => {
    const result = await runCli(['lint', 'errors', '--quiet', ...onlyRules('no-version-field')], { cwd: F });
    expect(result.stdout).toBe(
      [
        'errors/compose.yaml',
        '  5:14  error  services.web.restart must be one of: no, always, on-failure[:max-retries], unless-stopped, not "sometimes".  compose-schema',
        '',
        '✖ 1 problem (1 error, 0 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
  });

  it('--quiet with warnings only prints nothing and exits 0; JSON keeps the file with empty messages', async () => {
    const stylish = await runCli(['lint', 'warnings', '--quiet', ...onlyRules('no-version-field')], { cwd: F });
    expect(stylish).toMatchObject({ stdout: '', stderr: '', code: 0 });
    const json = await runCli(['lint', 'warnings', '--quiet', '--format', 'json', ...onlyRules('no-version-field')], { cwd: F });
    expect(parseReport(json.stdout)).toEqual([{ filePath: at('warnings', 'compose.yaml'), messages: [], errorCount: 0, warningCount: 0, infoCount: 0 }]);
  });

  it('--rule no-version-field=off switches the rule off', async () => {
    const result = await runCli(['lint', 'warnings', '--rule', 'no-version-field=off', ...onlyRules()], { cwd: F });
    expect(result.stdout).toBe(
      ['warnings/compose.yaml', `  4:19  warning  ${unset('NGINX_TAG')}  interpolation`, '', '⚠ 1 problem (0 errors, 1 warning, 0 infos)', ''].join('\n'),
    );
    expect(result.code).toBe(0);
  });

  it('--rule RULE=error raises a warning to an error (exit 1); `warn` is accepted for warning', async () => {
    const error = await runCli(['lint', 'warnings', '--rule', 'no-version-field=error', ...onlyRules('no-version-field')], { cwd: F });
    expect(error.stdout).toContain(`  1:1   error    ${VERSION_MSG}  no-version-field\n`);
    expect(error.stdout).toContain('✖ 2 problems (1 error, 1 warning, 0 infos)\n');
    expect(error.code).toBe(1);
    const warn = await runCli(['lint', 'errors', '--rule', 'compose-schema=warn', ...onlyRules('no-version-field')], { cwd: F });
    expect(warn.stdout).toContain('⚠ 3 problems (0 errors, 3 warnings, 0 infos)\n');
    expect(warn.code).toBe(0);
  });

  it('an info finding is counted as info and never fails the run', async () => {
    const result = await runCli(
      ['lint', 'warnings', '--rule', 'no-version-field=info', '--rule', 'interpolation=info', '--max-warnings', '0', ...onlyRules('no-version-field')],
      { cwd: F },
    );
    expect(result.stdout).toContain(`  1:1   info  ${VERSION_MSG}  no-version-field\n`);
    expect(result.stdout).toContain('2 problems (0 errors, 0 warnings, 2 infos)\n');
    expect(result.code).toBe(0);
  });
});

describe.concurrent('composure: exit code 2, one clear line on stderr, never a stack trace', () => {
  it('a missing file', async () => {
    const result = await runCli(['lint', 'no-such-file.yaml'], { cwd: F });
    expectUsageOrIoError(result, `composure: no such file: ${at('no-such-file.yaml')}`);
    expect(result.stdout).toBe('');
  });

  it('a missing directory', async () => {
    const result = await runCli(['lint', 'no/such/dir/'], { cwd: F });
    expectUsageOrIoError(result, `composure: no such file: ${at('no/such/dir')}`);
  });

  it('a missing file with --format json still prints valid JSON (an empty report)', async () => {
    const result = await runCli(['lint', 'no-such-file.yaml', '--format', 'json'], { cwd: F });
    expectUsageOrIoError(result, `composure: no such file: ${at('no-such-file.yaml')}`);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  it('a directory without a compose file', async () => {
    const result = await runCli(['lint', 'discovery/nested'], { cwd: F });
    expectUsageOrIoError(
      result,
      `composure: no compose file found in ${at('discovery/nested')} (looked for compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml)`,
    );
  });

  it('an unknown option', async () => {
    const result = await runCli(['lint', '--bogus', 'warnings'], { cwd: F });
    expectUsageOrIoError(result, /^composure: Unknown option '--bogus'\./);
  });

  it('an unknown format (flag and COMPOSURE_FORMAT)', async () => {
    expectUsageOrIoError(
      await runCli(['lint', 'warnings', '--format', 'xml'], { cwd: F }),
      'composure: unknown format "xml" (choose from stylish, json, sarif, github, junit, checkstyle, codeclimate, compact)',
    );
    expectUsageOrIoError(
      await runCli(['lint', 'warnings'], { cwd: F, env: { COMPOSURE_FORMAT: 'toString' } }),
      'composure: unknown format "toString" (choose from stylish, json, sarif, github, junit, checkstyle, codeclimate, compact)',
    );
  });

  it('a bad --max-warnings', async () => {
    expectUsageOrIoError(
      await runCli(['lint', 'warnings', '--max-warnings', 'many'], { cwd: F }),
      'composure: --max-warnings expects a whole number (got "many")',
    );
    expectUsageOrIoError(
      await runCli(['lint', 'warnings', '--max-warnings', '1.5'], { cwd: F }),
      'composure: --max-warnings expects a whole number (got "1.5")',
    );
    expectUsageOrIoError(await runCli(['lint', 'warnings', '--max-warnings=-2'], { cwd: F }), 'composure: --max-warnings expects a whole number (got "-2")');
  });

  it('a bad --rule: no severity, an unknown severity, an unknown rule', async () => {
    const expects = '--rule expects RULE=SEVERITY with SEVERITY one of error, warning, info, off';
    expectUsageOrIoError(await runCli(['lint', 'warnings', '--rule', 'no-version-field'], { cwd: F }), `composure: ${expects} (got "no-version-field")`);
    expectUsageOrIoError(
      await runCli(['lint', 'warnings', '--rule', 'no-version-field=loud'], { cwd: F }),
      `composure: ${expects} (got "no-version-field=loud")`,
    );
    expectUsageOrIoError(
      await runCli(['lint', 'warnings', '--rule', 'no-such-rule=off'], { cwd: F }),
      'composure: unknown rule "no-such-rule" given with --rule',
    );
  });

  it('an invalid .composure.yaml', async () => {
    const result = await runCli(['lint', 'invalid-config'], { cwd: F });
    expectUsageOrIoError(
      result,
      `composure: invalid configuration in ${at('invalid-config/.composure.yaml')}: rules.no-version-field must be one of "error", "warning", "warn", "info", "off"`,
    );
    expect(result.stdout).toBe('');
  });

  it('an invalid x-composure', async () => {
    const result = await runCli(['lint', 'invalid-x-composure'], { cwd: F });
    expectUsageOrIoError(result, `composure: invalid configuration in ${at('invalid-x-composure/compose.yaml')}: unknown key "rulez" in the configuration`);
  });

  it('a -c file that does not exist, or is not YAML', async () => {
    expectUsageOrIoError(await runCli(['lint', 'warnings', '-c', 'missing.yaml'], { cwd: F }), 'composure: cannot read configuration file missing.yaml');
    expectUsageOrIoError(
      await runCli(['lint', 'warnings', '-c', 'config-error/compose.yaml'], { cwd: F }),
      /^composure: invalid YAML in config-error\/compose\.yaml: 5:3 /,
    );
  });

  it('an invalid -p project name', async () => {
    expectUsageOrIoError(
      await runCli(['lint', 'warnings', '-p', 'Not Valid'], { cwd: F }),
      'composure: invalid project name "Not Valid": use only lowercase letters, digits, "-" and "_", starting with a letter or digit',
    );
  });

  it('PATH arguments and -f together', async () => {
    expectUsageOrIoError(
      await runCli(['lint', 'warnings', '-f', 'clean/compose.yaml'], { cwd: F }),
      'composure: give either PATH arguments or -f files, not both',
    );
  });

  it('-o into a directory that does not exist', async () => {
    const result = await runCli(['lint', 'warnings', '-o', join(tmp, 'no-such-dir', 'report.txt')], { cwd: F });
    expectUsageOrIoError(result, `composure: cannot write the report to ${join(tmp, 'no-such-dir', 'report.txt')} (ENOENT)`);
  });

  it('a command-looking path such as `constructor` is a path, not Object.prototype.constructor', async () => {
    expectUsageOrIoError(await runCli(['constructor'], { cwd: F }), `composure: no such file: ${at('constructor')}`);
    expectUsageOrIoError(
      await runCli(['lint', 'warnings', '--format', 'constructor'], { cwd: F }),
      'composure: unknown format "constructor" (choose from stylish, json, sarif, github, junit, checkstyle, codeclimate, compact)',
    );
  });

  it('config: a missing project is exit 2 with the loader message, not an internal error', async () => {
    expectUsageOrIoError(await runCli(['config', 'no-such-dir'], { cwd: F }), `composure: no such file: ${at('no-such-dir')}`);
    expectUsageOrIoError(await runCli(['config', 'config', '--format', 'toml'], { cwd: F }), 'composure: unknown format "toml" (choose yaml or json)');
  });

  it('rules: an unknown format', async () => {
    expectUsageOrIoError(await runCli(['rules', '--format', 'xml']), 'composure: unknown format "xml" (choose table or json)');
  });

  // Node itself pre-scans the whole command line for `--env-file` (nodejs/node#54232) and
  // exits 9 ("node: FILE: not found") before composure runs, unless a `--` precedes the
  // script. This checks composure's own handling, with node's pre-scan switched off.
  it('--env-file that does not exist (composure itself)', async () => {
    const result = await runCli(['lint', 'warnings', '--env-file', 'missing.env'], { cwd: F, nodeArgs: ['--'] });
    expectUsageOrIoError(result, `composure: no such env file: ${at('missing.env')}`);
  });

  it.fails('--env-file that does not exist, run as the npm bin runs it (KNOWN: Node exits 9 first)', async () => {
    const result = await runCli(['lint', 'warnings', '--env-file', 'missing.env'], { cwd: F });
    expectUsageOrIoError(result, `composure: no such env file: ${at('missing.env')}`);
  });
});

describe.concurrent('composure lint: configuration', () => {
  it('.composure.yaml found by walking up from the compose file switches no-version-field off', async () => {
    const result = await runCli(['lint', 'discovery/nested/deep', ...onlyRules('no-version-field')], { cwd: F });
    expect(result.stdout).toBe(
      ['discovery/nested/deep/compose.yaml', `  4:17  warning  ${unset('APP_TAG')}  interpolation`, '', '⚠ 1 problem (0 errors, 1 warning, 0 infos)', ''].join(
        '\n',
      ),
    );
    expect(result.code).toBe(0);
  });

  it('with no PATH, the compose file is found from the working directory and the config walking up from it', async () => {
    const result = await runCli(['lint', ...onlyRules('no-version-field')], { cwd: at('discovery/nested/deep') });
    expect(result.stdout).toBe(
      ['compose.yaml', `  4:17  warning  ${unset('APP_TAG')}  interpolation`, '', '⚠ 1 problem (0 errors, 1 warning, 0 infos)', ''].join('\n'),
    );
  });

  it('-c FILE replaces the .composure.yaml found by walking up', async () => {
    const result = await runCli(['lint', 'discovery/nested/deep', '-c', 'discovery/interpolation-off.yaml', ...onlyRules('no-version-field')], { cwd: F });
    expect(result.stdout).toBe(
      ['discovery/nested/deep/compose.yaml', `  1:1  warning  ${VERSION_MSG}  no-version-field`, '', '⚠ 1 problem (0 errors, 1 warning, 0 infos)', ''].join(
        '\n',
      ),
    );
  });

  it('COMPOSURE_CONFIG does the same; -c wins over it', async () => {
    const env = { COMPOSURE_CONFIG: at('discovery/interpolation-off.yaml') };
    const viaEnv = await runCli(['lint', 'discovery/nested/deep', '--format', 'json', ...onlyRules('no-version-field')], { cwd: F, env });
    expect(parseReport(viaEnv.stdout)[0].messages.map((m) => m.ruleId)).toEqual(['no-version-field']);
    const both = await runCli(['lint', 'discovery/nested/deep', '--format', 'json', '-c', at('discovery/.composure.yaml'), ...onlyRules('no-version-field')], {
      cwd: F,
      env,
    });
    expect(parseReport(both.stdout)[0].messages.map((m) => m.ruleId)).toEqual(['interpolation']);
  });

  it('x-composure in the compose file switches a rule off', async () => {
    const dir = mkdtempSync(join(tmp, 'x-composure-'));
    writeFileSync(join(dir, 'compose.yaml'), 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\nx-composure:\n  rules:\n    no-version-field: off\n');
    const result = await runCli(['lint', dir, '--format', 'json', ...onlyRules('no-version-field')], { cwd: dir });
    expect(parseReport(result.stdout)[0].messages).toEqual([]);
    expect(result.code).toBe(0);
  });
});

describe.concurrent('composure lint: project options', () => {
  it('-f a.yaml -f b.yaml: a finding in b.yaml is reported under b.yaml', async () => {
    const result = await runCli(['lint', '-f', 'multi/a.yaml', '-f', 'multi/b.yaml', '--profile', 'debug', ...onlyRules()], { cwd: F });
    expect(result.stdout).toBe(
      ['multi/b.yaml', `  4:18  warning  ${unset('GREETING')}  interpolation`, '', '⚠ 1 problem (0 errors, 1 warning, 0 infos)', ''].join('\n'),
    );
    expect(result.code).toBe(0);
  });

  it('--profile: a dependency on a service of an inactive profile is an error, enabling the profile fixes it', async () => {
    const without = await runCli(['lint', '-f', 'multi/a.yaml', '-f', 'multi/b.yaml', '--format', 'json', ...onlyRules('no-undefined-service')], { cwd: F });
    const messages = parseReport(without.stdout)[1].messages;
    expect(messages.map((m) => [m.ruleId, m.severity, m.line, m.column])).toEqual([
      ['interpolation', 'warning', 4, 18],
      ['no-undefined-service', 'error', 6, 9],
    ]);
    expect(without.code).toBe(1);
    const withProfile = await runCli(
      ['lint', '-f', 'multi/a.yaml', '-f', 'multi/b.yaml', '--profile', 'debug', '--format', 'json', ...onlyRules('no-undefined-service')],
      { cwd: F },
    );
    expect(parseReport(withProfile.stdout)[1].messages.map((m) => m.ruleId)).toEqual(['interpolation']);
    expect(withProfile.code).toBe(0);
    const viaEnv = await runCli(['lint', '-f', 'multi/a.yaml', '-f', 'multi/b.yaml', '--format', 'json', ...onlyRules('no-undefined-service')], {
      cwd: F,
      env: { COMPOSE_PROFILES: 'debug' },
    });
    expect(viaEnv.code).toBe(0);
  });

  it('--env-file supplies the variables (and replaces .env)', async () => {
    const result = await runCli(['lint', '-f', 'project-dir/compose/compose.yaml', '--env-file', 'project-dir/custom.env', ...onlyRules()], { cwd: F });
    expect(result).toMatchObject({ stdout: '', stderr: '', code: 0 });
    const config = await runCli(['config', '-f', 'project-dir/compose/compose.yaml', '--env-file', 'project-dir/custom.env', '--format', 'json'], { cwd: F });
    expect(JSON.parse(config.stdout).services.app.image).toBe('app:9.9.9');
  });

  it('--project-directory: the .env of that directory is read', async () => {
    const without = await runCli(['lint', '-f', 'project-dir/compose/compose.yaml', '--format', 'json', ...onlyRules()], { cwd: F });
    expect(parseReport(without.stdout)[0].messages.map((m) => m.message)).toEqual([unset('APP_TAG')]);
    const result = await runCli(['lint', '-f', 'project-dir/compose/compose.yaml', '--project-directory', 'project-dir/envdir', ...onlyRules()], { cwd: F });
    expect(result).toMatchObject({ stdout: '', stderr: '', code: 0 });
    const config = await runCli(['config', '-f', 'project-dir/compose/compose.yaml', '--project-directory', 'project-dir/envdir', '--format', 'json'], {
      cwd: F,
    });
    const model = JSON.parse(config.stdout);
    expect(model.name).toBe('envdir');
    expect(model.services.app.image).toBe('app:1.2.3');
  });

  it('with a directory PATH, --env-file and --project-directory are still relative to the working directory', async () => {
    const envFile = await runCli(['lint', 'project-dir/compose', '--env-file', 'project-dir/custom.env', ...onlyRules()], { cwd: F });
    expect(envFile).toMatchObject({ stdout: '', stderr: '', code: 0 });
    // The compose files come from the PATH, the .env from the project directory.
    const config = await runCli(['config', 'project-dir/compose', '--project-directory', 'project-dir/envdir', '--format', 'json'], { cwd: F });
    expect(config.stderr).toBe('');
    expect(JSON.parse(config.stdout)).toMatchObject({ name: 'envdir', services: { app: { image: 'app:1.2.3' } } });
  });

  it('-p names the project (and its default network)', async () => {
    const result = await runCli(['config', 'config', '-p', 'other', '--format', 'json'], { cwd: F });
    const model = JSON.parse(result.stdout);
    expect(model.name).toBe('other');
    expect(model.networks.default).toEqual({ name: 'other_default' });
    const viaEnv = await runCli(['config', 'config', '--format', 'json'], { cwd: F, env: { COMPOSE_PROJECT_NAME: 'fromenv' } });
    expect(JSON.parse(viaEnv.stdout)).toMatchObject({ name: 'fromenv', networks: { default: { name: 'fromenv_default' } } });
  });
});

describe.concurrent('composure lint: standard input and output file', () => {
  const text = 'version: "3.8"\nservices:\n  web:\n    image: "nginx:${TAG}"\n';

  it('`-` reads standard input; --stdin-filename names it in the report', async () => {
    const result = await runCli(['lint', '-', '--stdin-filename', 'compose.yaml', ...onlyRules('no-version-field')], { cwd: tmp, input: text });
    expect(result.stdout).toBe(
      [
        'compose.yaml',
        `  1:1   warning  ${VERSION_MSG}  no-version-field`,
        `  4:19  warning  ${unset('TAG')}  interpolation`,
        '',
        '⚠ 2 problems (0 errors, 2 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(0);
    const json = await runCli(['lint', '-f', '-', '--stdin-filename', 'compose.yaml', '--format', 'json', ...onlyRules('no-version-field')], {
      cwd: tmp,
      input: text,
    });
    expect(parseReport(json.stdout).map((r) => [r.filePath, r.warningCount])).toEqual([[join(tmp, 'compose.yaml'), 2]]);
  });

  it('`-` without --stdin-filename is reported as stdin.yaml', async () => {
    const result = await runCli(['lint', '-', ...onlyRules('no-version-field')], { cwd: tmp, input: text });
    expect(result.stdout.split('\n')[0]).toBe('stdin.yaml');
  });

  it('standard input with a YAML error: exit 1, the error at its position', async () => {
    const result = await runCli(['lint', '-', '--stdin-filename', 'compose.yaml', '--format', 'json', ...onlyRules()], {
      cwd: tmp,
      input: 'services:\n  web:\n    image: [nginx\n',
    });
    const [report] = parseReport(result.stdout);
    expect(report.messages.filter((m) => m.ruleId === 'yaml-syntax').map((m) => [m.line, m.column])).toEqual([[4, 1]]);
    expect(result.code).toBe(1);
  });

  it('-o FILE writes the report to the file and nothing to stdout (no colour even with --color)', async () => {
    const out = join(tmp, 'report.txt');
    const result = await runCli(['lint', 'errors', '-o', out, '--color', ...onlyRules('no-version-field')], { cwd: F });
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const written = readFileSync(out, 'utf8');
    expect(written.startsWith('errors/compose.yaml\n')).toBe(true);
    expect(written).toContain('✖ 3 problems (1 error, 2 warnings, 0 infos)\n');
    expect(written).not.toContain(ESC);
  });

  it('-o FILE is relative to the working directory; JSON goes there too', async () => {
    const result = await runCli(['lint', join(F, 'warnings'), '-o', 'report.json', '--format', 'json', ...onlyRules('no-version-field')], { cwd: tmp });
    expect(result.stdout).toBe('');
    expect(parseReport(readFileSync(join(tmp, 'report.json'), 'utf8'))[0].warningCount).toBe(2);
  });
});

describe('composure lint: large output through a pipe', () => {
  it('3,000 services with a finding each: the JSON report arrives whole (dclint truncates at 64 KB)', async () => {
    const dir = mkdtempSync(join(tmp, 'large-'));
    const services = Array.from({ length: 3000 }, (_, i) => `  svc${i}:\n    image: "app:\${TAG}"\n`).join('');
    writeFileSync(join(dir, 'compose.yaml'), `services:\n${services}`);
    const result = await runCli(['lint', '--format', 'json', ...onlyRules()], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.stdout.length).toBeGreaterThan(8 * 65536);
    const [report] = parseReport(result.stdout);
    expect(report.messages).toHaveLength(3000);
    expect(report.warningCount).toBe(3000);
    // Every service's finding, each on its own line, in order.
    expect(report.messages.map((m) => m.line)).toEqual(Array.from({ length: 3000 }, (_, i) => 3 + 2 * i));
    expect(new Set(report.messages.map((m) => m.message))).toEqual(new Set([unset('TAG')]));
    expect(result.code).toBe(0);
    // ~0.9 s on the reference machine.
  });

  it('a reader that closes the pipe early (composure lint | head) ends the CLI quietly', async () => {
    const dir = mkdtempSync(join(tmp, 'epipe-'));
    writeFileSync(join(dir, 'compose.yaml'), `services:\n${Array.from({ length: 3000 }, (_, i) => `  svc${i}:\n    image: "app:\${TAG}"\n`).join('')}`);
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'lint', ...onlyRules()], { cwd: dir, env: { PATH: process.env.PATH } });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (c) => resolve({ code: c, stderr: err }));
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe.concurrent('composure lint: colour', () => {
  const args = () => ['lint', 'warnings', ...onlyRules('no-version-field')];

  it('no ANSI escapes when stdout is not a terminal', async () => {
    const result = await runCli(args(), { cwd: F });
    expect(result.stdout).not.toContain(ESC);
    expect(result.stdout.length).toBeGreaterThan(0);
  });

  it('no ANSI escapes with NO_COLOR, even with FORCE_COLOR', async () => {
    const result = await runCli(args(), { cwd: F, env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(result.stdout).not.toContain(ESC);
  });

  it('--color forces them (and wins over NO_COLOR); FORCE_COLOR too; --no-color wins over FORCE_COLOR', async () => {
    const expected = [
      `${ESC}[4mwarnings/compose.yaml${ESC}[24m`,
      `  1:1   ${ESC}[33mwarning${ESC}[39m  ${VERSION_MSG}  ${ESC}[2mno-version-field${ESC}[22m`,
      `  4:19  ${ESC}[33mwarning${ESC}[39m  ${unset('NGINX_TAG')}  ${ESC}[2minterpolation${ESC}[22m`,
      '',
      `${ESC}[33m${ESC}[1m⚠ 2 problems (0 errors, 2 warnings, 0 infos)${ESC}[22m${ESC}[39m`,
      '',
    ].join('\n');
    expect((await runCli([...args(), '--color'], { cwd: F })).stdout).toBe(expected);
    expect((await runCli([...args(), '--color'], { cwd: F, env: { NO_COLOR: '1' } })).stdout).toBe(expected);
    expect((await runCli(args(), { cwd: F, env: { FORCE_COLOR: '1' } })).stdout).toBe(expected);
    expect((await runCli([...args(), '--no-color'], { cwd: F, env: { FORCE_COLOR: '1' } })).stdout).not.toContain(ESC);
  });

  it('an error summary is red', async () => {
    const result = await runCli(['lint', 'errors', '--color', ...onlyRules('no-version-field')], { cwd: F });
    expect(result.stdout).toContain(`${ESC}[31merror${ESC}[39m`);
    expect(result.stdout).toContain(`${ESC}[31m${ESC}[1m✖ 3 problems (1 error, 2 warnings, 0 infos)${ESC}[22m${ESC}[39m\n`);
  });

  it('control characters from the file (a key written "\\e[2J…") never reach the terminal raw', async () => {
    const result = await runCli(['lint', 'control-chars', ...onlyRules()], { cwd: F });
    expect(result.stdout).not.toContain(ESC);
    expect(result.stdout).toContain('  4:1  error  Unknown top-level key "\\u001b[2J\\u001b[31mpwned"; custom keys must start with "x-".  compose-schema\n');
    expect(result.code).toBe(1);
  });
});

describe.concurrent('composure lint: inline directives', () => {
  it('disable-next-line, disable-line, disable … enable suppress exactly their lines and rules', async () => {
    const result = await runCli(['lint', 'directives', '--format', 'json', ...onlyRules('no-version-field')], { cwd: F });
    const [report] = parseReport(result.stdout);
    expect(report.messages.map((m) => [m.ruleId, m.line, m.column, m.message])).toEqual([
      // a (line 4): disable-next-line interpolation; b (6): disable-line (all rules); d (11, 13): inside disable … enable
      ['interpolation', 8, 15, unset('C')], // disable-line names another rule
      ['interpolation', 16, 15, unset('E')], // after composure-enable
      ['interpolation', 19, 15, unset('F')], // disable-next-line names another rule
      ['interpolation', 24, 11, unset('G')], // disable-next-line covers line 22 only
    ]);
    expect(result.code).toBe(0);
  });

  it('disable-file RULE suppresses that rule in the whole file, and only that rule', async () => {
    const result = await runCli(['lint', 'directives/file-one-rule', '--format', 'json', ...onlyRules('no-version-field')], { cwd: F });
    expect(parseReport(result.stdout)[0].messages.map((m) => [m.ruleId, m.line])).toEqual([['no-version-field', 1]]);
  });

  it('disable-file without rules suppresses everything in the file', async () => {
    const result = await runCli(['lint', 'directives/file-all', '--format', 'json', ...onlyRules('no-version-field')], { cwd: F });
    expect(parseReport(result.stdout)[0].messages).toEqual([]);
    expect(result.code).toBe(0);
  });
});

describe.concurrent('composure config', () => {
  const secrets = ['hunter2', 's3cr3t'];

  function checkModel(
    model: Record<string, unknown> & { services: Record<string, Record<string, unknown>>; networks: Record<string, Record<string, unknown>> },
  ) {
    expect(Object.keys(model)).toEqual(['name', 'services', 'networks']);
    expect(model.name).toBe('shop');
    expect(Object.keys(model.services)).toEqual(['web', 'db']);
    // The variable from .env is interpolated; the override file's ports are merged in, in long form.
    expect(model.services.web.image).toBe('nginx:1.27');
    expect(model.services.web.ports).toEqual([{ mode: 'ingress', target: 80, protocol: 'tcp', host_ip: '127.0.0.1', published: '8080' }]);
    // Credentials masked: a secret-named variable, a password inside a URL, one coming from .env.
    expect(model.services.web.environment).toEqual({ POSTGRES_PASSWORD: '********', DATABASE_URL: 'postgres://u:********@db/x', LOG_LEVEL: 'info' });
    expect(model.services.db.environment).toEqual({ POSTGRES_PASSWORD: '********' });
    // Every service joins the implicit default network, named <project>_default.
    expect(model.services.web.networks).toEqual({ default: null });
    expect(model.services.db.networks).toEqual({ default: null });
    expect(model.networks).toEqual({ default: { name: 'shop_default' } });
  }

  it('--format yaml (the default): the merged project, secrets masked', async () => {
    const result = await runCli(['config', 'config'], { cwd: F });
    expectNoStackTrace(result);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith('name: shop\nservices:\n  web:\n    image: nginx:1.27\n')).toBe(true);
    checkModel(parseYaml(result.stdout));
    for (const secret of secrets) expect(result.stdout + result.stderr).not.toContain(secret);
    const explicit = await runCli(['config', 'config', '--format', 'yaml'], { cwd: F });
    expect(explicit.stdout).toBe(result.stdout);
  });

  it('--format json: the same model', async () => {
    const result = await runCli(['config', 'config', '--format', 'json'], { cwd: F });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    checkModel(JSON.parse(result.stdout));
    for (const secret of secrets) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('lint of the same project never prints the secrets either', async () => {
    const result = await runCli(['lint', 'config', '--format', 'json'], { cwd: F });
    for (const secret of secrets) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('-o FILE writes the model to the file', async () => {
    const out = join(tmp, 'config.json');
    const result = await runCli(['config', 'config', '--format', 'json', '-o', out], { cwd: F });
    expect(result).toMatchObject({ stdout: '', stderr: '', code: 0 });
    checkModel(JSON.parse(readFileSync(out, 'utf8')));
  });

  it('a project with a YAML error: the error on stderr, nothing on stdout, exit 1', async () => {
    const result = await runCli(['config', 'config-error'], { cwd: F });
    expectNoStackTrace(result);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'config-error/compose.yaml',
        '  5:3  error  Flow sequence in block collection must be sufficiently indented and end with a ].  yaml-syntax',
        '',
        '✖ 1 problem (1 error, 0 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
  });

  it('a password inside a URL quoted by an error message is masked on stderr too', async () => {
    const result = await runCli(['config', 'config-secret-error'], { cwd: F });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('config-secret-error/compose.yaml\n');
    expect(result.stdout + result.stderr).not.toContain('s3cr3t');
  });
});

describe.concurrent('composure rules, help, version', () => {
  it('rules: a table with one row per rule', async () => {
    const result = await runCli(['rules']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^rule\s+severity rec {2}fix {2}description$/);
    const ids = allRuleIds();
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(ids);
    expect(lines.find((l) => l.startsWith('no-version-field '))).toMatch(
      /^no-version-field\s+warning {2}rec {2}fix {2}The top-level `version` key is obsolete/,
    );
  });

  it('rules --format json: id, description, severity, recommended, fixable for every rule', async () => {
    const result = await runCli(['rules', '--format', 'json']);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    for (const core of ['yaml-syntax', 'compose-schema', 'interpolation', 'compose-load', 'no-version-field']) expect(rows.map((r) => r.id)).toContain(core);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['id', 'description', 'severity', 'recommended', 'fixable']);
      expect(row.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(['error', 'warning', 'info']).toContain(row.severity);
      expect(typeof row.recommended).toBe('boolean');
      expect(typeof row.fixable).toBe('boolean');
      expect(String(row.description).length).toBeGreaterThan(10);
    }
    expect(rows.find((r) => r.id === 'no-version-field')).toMatchObject({ severity: 'warning', recommended: true, fixable: true });
  });

  it.each([
    [['--help'], 'Usage: composure <command> [options]\n'],
    [['-h'], 'Usage: composure <command> [options]\n'],
    [['help'], 'Usage: composure <command> [options]\n'],
    [['lint', '--help'], 'Usage: composure lint [PATH...] [options]\n'],
    [['help', 'lint'], 'Usage: composure lint [PATH...] [options]\n'],
    [['config', '--help'], 'Usage: composure config [PATH] [options]\n'],
    [['help', 'config'], 'Usage: composure config [PATH] [options]\n'],
    [['rules', '--help'], 'Usage: composure rules [--format table|json]\n'],
    [['help', 'rules'], 'Usage: composure rules [--format table|json]\n'],
  ])('composure %j prints its help on stdout, exit 0', async (args, firstLine) => {
    const result = await runCli(args);
    expect(result.stdout.startsWith(firstLine)).toBe(true);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('the top-level help lists the commands and options; lint --help names every lint option', async () => {
    const top = (await runCli(['--help'])).stdout;
    for (const text of ['  lint [PATH...]', '  config [PATH]', '  rules ', '-v, --version', '-h, --help']) expect(top).toContain(text);
    const lint = (await runCli(['lint', '--help'])).stdout;
    for (const option of [
      '--file',
      '--project-name',
      '--project-directory',
      '--profile',
      '--env-file',
      '--stdin-filename',
      '--config',
      '--format',
      '--output',
      '--rule',
      '--max-warnings',
      '--quiet',
      '--color',
      '--help',
    ]) {
      expect(lint).toContain(option);
    }
    expect(lint).toContain('stylish, json');
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const result = await runCli([flag]);
      expect(result).toMatchObject({ stdout: `${version}\n`, stderr: '', code: 0 });
    }
  });
});

describe('PATH arguments from a shell glob', () => {
  it('skips files that are not YAML, with a note, and lints the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'composure-glob-'));
    try {
      writeFileSync(join(dir, 'LICENSE'), 'Permission is hereby granted: free of charge\n');
      writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n');
      const result = await runCli(['lint', 'LICENSE', 'compose.yaml', '--format', 'json'], { cwd: dir });
      expect(result.stderr).toBe('composure: skipping LICENSE: not a YAML file\n');
      expect(parseReport(result.stdout).map((r) => r.filePath)).toEqual([join(dir, 'compose.yaml')]);
      expect(result.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a command of one project whose pattern matches only files that are not YAML says so (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'composure-glob-'));
    try {
      writeFileSync(join(dir, 'LICENSE.txt'), 'Permission is hereby granted: free of charge\n');
      writeFileSync(join(dir, 'NOTICE.txt'), 'Copyright\n');
      const result = await runCli(['reach', '*.txt'], { cwd: dir });
      expect(result.stderr).toBe(
        'composure: skipping LICENSE.txt: not a YAML file\ncomposure: skipping NOTICE.txt: not a YAML file\ncomposure: *.txt names no compose project (the files it matches are not YAML)\nRun composure --help for usage.\n',
      );
      expect(result.code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rule options in the configuration', () => {
  it('are checked against the rule’s options schema: exit 2 naming each problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'composure-options-'));
    try {
      writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n');
      writeFileSync(join(dir, '.composure.yaml'), 'rules:\n  require-image-tag: [warning, {allowedTags: stable, allowTags: [latest]}]\n');
      const result = await runCli(['lint'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `composure: invalid configuration in ${join(dir, '.composure.yaml')}: unknown key "allowTags" in rules.require-image-tag.1; rules.require-image-tag.1.allowedTags must be array\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
