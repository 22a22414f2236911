/**
 * A command's options, declared once: the parseArgs configuration (parse.ts), the
 * `--help` text (help.ts) and the tables of docs/cli.md (docs-table.ts) all come from it.
 */

interface OptionBase {
  /** The long name, without dashes: `project-name` for --project-name. */
  readonly name: string;
  /** The one-letter short flag, without the dash. */
  readonly short?: string;
  /**
   * What the option does, as --help prints it. A newline continues the text on the next line
   * of the help (indented under it); docs/cli.md joins the lines.
   */
  readonly help: string;
  /** Said after `help` in parentheses as `(default: …)`, in --help and docs/cli.md. */
  readonly default?: string;
  /** More for docs/cli.md only (Markdown, after the help text): links, examples, fine print. */
  readonly docs?: string;
}

/** An option that takes a value: `--name VALUE`. */
export interface StringOption extends OptionBase {
  readonly type: 'string';
  /** The value's name in help, e.g. FILE, NAME, RULE=SEVERITY. */
  readonly value: string;
  /** Given more than once, every value is kept (parseArgs' `multiple`). */
  readonly repeatable?: boolean;
  /** The environment variable read when the option is not given (for an option taken once: its value is one string). */
  readonly env?: string;
}

/** A flag: `--name`. */
export interface BooleanOption extends OptionBase {
  readonly type: 'boolean';
  /** `--no-NAME` exists too, and turns it off (Node 20's parseArgs has no negative options of its own). */
  readonly negatable?: boolean;
}

export type OptionSpec = StringOption | BooleanOption;

/** Options listed together in --help under a title ("Lint options"), and in one table of docs/cli.md. */
export interface OptionGroup {
  readonly title: string;
  readonly options: readonly OptionSpec[];
}

/** Everything a command accepts on its command line. */
export interface CommandOptions {
  /** Whether it takes PATH or other arguments besides options. */
  readonly positionals: boolean;
  readonly groups: readonly OptionGroup[];
}

type OptionsOf<C extends CommandOptions> = C['groups'][number]['options'][number];

type ValueOf<O extends OptionSpec> = O extends StringOption ? (O['repeatable'] extends true ? string[] : string) : boolean;

/** What parsing a command line gives: each option by its long name (and `no-NAME` for negatable flags), absent when not given. */
export type ValuesOf<C extends CommandOptions> = { -readonly [O in OptionsOf<C> as O['name']]?: ValueOf<O> } & {
  -readonly [O in Extract<OptionsOf<C>, { negatable: true }> as `no-${O['name']}`]?: boolean;
};

/**
 * Declares a command's options, keeping every name and type literal so that the parsed values
 * are typed (`values.rule` is `string[]`, `values.quiet` a boolean).
 */
export function commandOptions<const C extends CommandOptions>(command: C): C {
  return command;
}

/** Declares an option shared by several commands, keeping its name and type literal. */
export function option<const O extends OptionSpec>(spec: O): O {
  return spec;
}
