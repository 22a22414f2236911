import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CommandOptions, OptionSpec, ValuesOf } from './spec.js';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** A command's options as node:util parseArgs takes them. */
export function parseArgsConfig(command: CommandOptions): ParseArgsOptionsConfig {
  const config: ParseArgsOptionsConfig = {};
  for (const spec of allOptions(command)) {
    config[spec.name] = { type: spec.type, ...(spec.short && { short: spec.short }), ...(spec.type === 'string' && spec.repeatable && { multiple: true }) };
    if (spec.type === 'boolean' && spec.negatable) config[`no-${spec.name}`] = { type: 'boolean' };
  }
  return config;
}

/**
 * Parses a command line (strictly: an unknown option is a parseArgs error, which main reports as
 * a usage error). An option not given takes the value of its environment variable, if set.
 */
export function parseCommandLine<C extends CommandOptions>(command: C, argv: string[], env: NodeJS.ProcessEnv): { values: ValuesOf<C>; positionals: string[] } {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: command.positionals, options: parseArgsConfig(command) });
  for (const spec of allOptions(command)) {
    if (spec.type === 'string' && spec.env !== undefined && values[spec.name] === undefined && env[spec.env] !== undefined) values[spec.name] = env[spec.env];
  }
  return { values: values as ValuesOf<C>, positionals };
}

function allOptions(command: CommandOptions): OptionSpec[] {
  return command.groups.flatMap((group) => group.options);
}
