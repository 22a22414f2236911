import type { CommandOptions, OptionGroup, OptionSpec } from './spec.js';

/** Where the descriptions start in --help: two spaces, then the flags padded to this width. */
const FLAGS_WIDTH = 28;
const INDENT = ' '.repeat(2 + FLAGS_WIDTH);

/** `-c, --config FILE`, `    --profile NAME` (aligned under the long names of short ones), `--color, --no-color`. */
export function flagsOf(spec: OptionSpec): string {
  const long = spec.type === 'boolean' && spec.negatable ? `--${spec.name}, --no-${spec.name}` : `--${spec.name}`;
  return `${spec.short ? `-${spec.short}, ` : '    '}${long}${spec.type === 'string' ? ` ${spec.value}` : ''}`;
}

/**
 * The description, line by line: the help text, `; repeatable` (unless the text says itself how
 * repeats combine, as -f does), then the default.
 */
export function descriptionOf(spec: OptionSpec): string[] {
  const lines = spec.help.split('\n');
  const repeatable = spec.type === 'string' && spec.repeatable && !/\brepeat/.test(spec.help) ? '; repeatable' : '';
  const fallback = spec.default !== undefined ? ` (default: ${spec.default})` : '';
  lines[lines.length - 1] += repeatable + fallback;
  return lines;
}

/** One option's lines: flags, then the description beside them, or under them when the flags are too wide. */
function optionHelp(spec: OptionSpec): string {
  const flags = flagsOf(spec);
  const [first, ...more] = descriptionOf(spec);
  const head = flags.length < FLAGS_WIDTH ? `  ${flags.padEnd(FLAGS_WIDTH)}${first}` : `  ${flags}\n${INDENT}${first}`;
  return [head, ...more.map((line) => INDENT + line)].join('\n');
}

export function groupHelp(group: OptionGroup): string {
  return [`${group.title}:`, ...group.options.map(optionHelp)].join('\n');
}

/** The options part of a command's --help: each group under its title, a blank line between groups. */
export function optionsHelp(command: CommandOptions): string {
  return command.groups.map(groupHelp).join('\n\n');
}
