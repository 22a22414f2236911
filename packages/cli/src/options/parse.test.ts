import { describe, expect, it } from 'vitest';
import { GRAPH_OPTIONS, LINT_OPTIONS, REACH_OPTIONS, RULES_OPTIONS } from './commands.js';
import { parseArgsConfig, parseCommandLine } from './parse.js';
import { CONFIG_OPTION } from './shared.js';

describe('parsing from the option tables', () => {
  it('gives parseArgs every option with its short flag and `multiple`, and --no-NAME for a negatable flag', () => {
    expect(parseArgsConfig(REACH_OPTIONS)).toEqual({
      file: { type: 'string', short: 'f', multiple: true },
      'project-name': { type: 'string', short: 'p' },
      'project-directory': { type: 'string' },
      profile: { type: 'string', multiple: true },
      'env-file': { type: 'string', multiple: true },
      'stdin-filename': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      config: { type: 'string', short: 'c' },
      workspace: { type: 'boolean' },
      'engine-version': { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      live: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
  });

  it('parses values by long name, repeats into lists', () => {
    const { values, positionals } = parseCommandLine(
      LINT_OPTIONS,
      ['a', '-f', 'x.yaml', '--rule', 'r=off', '--rule', 's=error', '--no-color', '-c', 'c.yaml', 'b'],
      {},
    );
    expect({ ...values }).toEqual({ file: ['x.yaml'], rule: ['r=off', 's=error'], 'no-color': true, config: 'c.yaml' });
    expect(positionals).toEqual(['a', 'b']);
  });

  it('reads an option not given from its environment variable; the command line wins', () => {
    const env = { COMPOSURE_CONFIG: 'env.yaml', COMPOSURE_FORMAT: 'json' };
    expect({ ...parseCommandLine(LINT_OPTIONS, [], env).values }).toEqual({ config: 'env.yaml', format: 'json' });
    expect({ ...parseCommandLine(LINT_OPTIONS, ['-c', 'flag.yaml', '--format', 'sarif'], env).values }).toEqual({ config: 'flag.yaml', format: 'sarif' });
    // COMPOSURE_FORMAT is lint's alone; COMPOSURE_CONFIG is -c's wherever it is taken.
    expect({ ...parseCommandLine(GRAPH_OPTIONS, [], env).values }).toEqual({ config: 'env.yaml' });
  });

  it('declares -c once: lint, reach and graph take the same option', () => {
    for (const command of [LINT_OPTIONS, REACH_OPTIONS, GRAPH_OPTIONS])
      expect(command.groups.flatMap((g) => g.options).filter((o) => o.name === 'config')).toEqual([CONFIG_OPTION]);
  });

  it('keeps parseArgs strict: unknown options and, for rules, arguments are errors', () => {
    expect(() => parseCommandLine(LINT_OPTIONS, ['--colour'], {})).toThrow(expect.objectContaining({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' }));
    expect(() => parseCommandLine(RULES_OPTIONS, ['extra'], {})).toThrow(expect.objectContaining({ code: 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' }));
  });
});
