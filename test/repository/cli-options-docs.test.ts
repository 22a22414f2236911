/**
 * docs/cli.md and `--help` describe the options alike: both come from the option tables of
 * packages/cli/src/options/, the page through `npm run docs-tables`, the help through the build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_OPTIONS, DRIFT_OPTIONS, GRAPH_OPTIONS, INIT_OPTIONS, LINT_OPTIONS, REACH_OPTIONS } from '../../packages/cli/src/options/commands.js';
import { DOCUMENTED_OPTIONS, optionsTable, readOptionsTable, sectionEnd, sectionStart, withOptionsTables } from '../../packages/cli/src/options/docs-tables.js';
import { optionsHelp } from '../../packages/cli/src/options/help.js';
import { assertBuilt, ROOT, runCli } from '../support/run-cli.js';

const PAGE = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');

describe('docs/cli.md option tables', () => {
  it.each(Object.keys(DOCUMENTED_OPTIONS))('the %s table is the one the option declarations give', (id) => {
    const section = readOptionsTable(PAGE, id);
    expect(section, `docs/cli.md has no ${sectionStart(id)} … ${sectionEnd(id)} section`).toBeDefined();
    expect(section, `The ${id} options in docs/cli.md differ from --help: run \`npm run build && npm run docs-tables\` to regenerate them.`).toBe(
      optionsTable(DOCUMENTED_OPTIONS[id]),
    );
  });

  it('regenerating rewrites a stale table, keeps the rest of the page, and names a missing section', () => {
    const stale = PAGE.replace(readOptionsTable(PAGE, 'init')!, '| option | meaning |\n|---|---|\n| `--forse` | Typo. |');
    expect(stale).not.toBe(PAGE);
    expect(withOptionsTables(stale)).toBe(PAGE);
    expect(() => withOptionsTables(PAGE.replace(sectionEnd('graph'), ''))).toThrow(
      'docs/cli.md has no <!-- cli-options:graph:start --> … <!-- cli-options:graph:end --> section',
    );
  });

  it('a row is the flags as --help writes them and the help text as one sentence, then what only the page says', () => {
    expect(readOptionsTable(PAGE, 'project')!.split('\n')).toContain(
      '| `--profile NAME` | Enable a profile; repeatable (default: COMPOSE_PROFILES). `*` enables all. Services of inactive profiles are left out, as Compose leaves them out. |',
    );
    expect(readOptionsTable(PAGE, 'lint')!.split('\n')).toContain(
      '| `--failure-threshold LEVEL` | Exit with 1 when a finding is at or above LEVEL: error (default), warning, info, or none (findings never fail the run). Named after the option of hadolint. |',
    );
  });
});

describe('the built --help lists the same options', () => {
  beforeAll(() => assertBuilt());

  it.each([
    ['lint', LINT_OPTIONS],
    ['reach', REACH_OPTIONS],
    ['graph', GRAPH_OPTIONS],
    ['drift', DRIFT_OPTIONS],
    ['config', CONFIG_OPTIONS],
    ['init', INIT_OPTIONS],
  ] as const)('composure %s --help', async (command, options) => {
    const result = await runCli([command, '--help']);
    expect(result.stdout, 'The built CLI is older than its option tables: run `npm run build`.').toContain(`\n\n${optionsHelp(options)}\n`);
  });

  it('-c is described alike by every command that takes it', async () => {
    const line = '  -c, --config FILE           Configuration file (default: COMPOSURE_CONFIG, or the nearest .composure.yaml)\n';
    for (const command of ['lint', 'reach', 'graph']) expect((await runCli([command, '--help'])).stdout).toContain(line);
  });
});
