/**
 * The option tables of docs/cli.md, generated from the same declarations as --help: one
 * section per command between `<!-- cli-options:ID:start -->` and `<!-- cli-options:ID:end -->`
 * (`npm run docs-tables` rewrites them; test/repository/cli-options-docs.test.ts holds the page to them).
 */
import { CONFIG_OPTIONS, DIFF_OPTIONS, DRIFT_OPTIONS, GRAPH_OPTIONS, INIT_OPTIONS, LINT_OPTIONS, REACH_OPTIONS, SUGGEST_OPTIONS } from './commands.js';
import { descriptionOf, flagsOf } from './help.js';
import { PROJECT_OPTIONS } from './shared.js';
import type { CommandOptions, OptionGroup, OptionSpec } from './spec.js';

/** A command's own options: the project options have their one table, in "Projects: what a PATH means". */
const ownGroups = (command: CommandOptions) => command.groups.filter((group) => group !== PROJECT_OPTIONS);

/** Each generated section of docs/cli.md by its id, and the options it tables. rules and explain have none: their help is a synopsis. */
export const DOCUMENTED_OPTIONS: Readonly<Record<string, readonly OptionGroup[]>> = {
  project: [PROJECT_OPTIONS],
  lint: ownGroups(LINT_OPTIONS),
  reach: ownGroups(REACH_OPTIONS),
  graph: ownGroups(GRAPH_OPTIONS),
  diff: ownGroups(DIFF_OPTIONS),
  suggest: ownGroups(SUGGEST_OPTIONS),
  drift: ownGroups(DRIFT_OPTIONS),
  config: ownGroups(CONFIG_OPTIONS),
  init: ownGroups(INIT_OPTIONS),
};

export const sectionStart = (id: string) => `<!-- cli-options:${id}:start -->`;
export const sectionEnd = (id: string) => `<!-- cli-options:${id}:end -->`;

/** The description --help prints, as one sentence, then the docs-only remarks. Pipes would end the cell. */
function meaningOf(spec: OptionSpec): string {
  const help = descriptionOf(spec).join(' ');
  const sentence = /[.!?]$/.test(help) ? help : `${help}.`;
  return (spec.docs ? `${sentence} ${spec.docs}` : sentence).replace(/\|/g, '\\|');
}

/** The Markdown table of some option groups: flags as --help writes them, and what they mean. */
export function optionsTable(groups: readonly OptionGroup[]): string {
  const rows = groups.flatMap((group) => group.options).map((spec) => `| \`${flagsOf(spec).trim()}\` | ${meaningOf(spec)} |`);
  return ['| option | meaning |', '|---|---|', ...rows].join('\n');
}

/** Where section `id`'s generated text lies in the page: after its start marker, up to its end marker. */
function sectionBounds(page: string, id: string): { from: number; to: number } | undefined {
  const start = page.indexOf(sectionStart(id));
  const to = page.indexOf(sectionEnd(id), start);
  return start === -1 || to === -1 ? undefined : { from: start + sectionStart(id).length, to };
}

/** The generated text of section `id` (without the newlines that frame it), or undefined when the page lacks its markers. */
export function readOptionsTable(page: string, id: string): string | undefined {
  const bounds = sectionBounds(page, id);
  return (
    bounds &&
    page
      .slice(bounds.from, bounds.to)
      .replace(/^\r?\n/, '')
      .replace(/\r?\n$/, '')
  );
}

/** The page with every section replaced by its current table; throws naming a section whose markers are missing. */
export function withOptionsTables(page: string): string {
  let text = page;
  for (const [id, groups] of Object.entries(DOCUMENTED_OPTIONS)) {
    const bounds = sectionBounds(text, id);
    if (!bounds) throw new Error(`docs/cli.md has no ${sectionStart(id)} … ${sectionEnd(id)} section`);
    text = `${text.slice(0, bounds.from)}\n${optionsTable(groups)}\n${text.slice(bounds.to)}`;
  }
  return text;
}
