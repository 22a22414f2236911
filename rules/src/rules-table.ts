import type { AnyRule } from '@composure/core/rule-kit';

/** The section of docs/rules.md the table lives in; everything between the markers is generated. */
export const RULES_TABLE_START = '<!-- rules-table:start -->';
export const RULES_TABLE_END = '<!-- rules-table:end -->';

/** A table cell: pipes would end the cell, newlines the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/**
 * The rules as a markdown table for docs/rules.md: id linked to its doc page (relative to
 * docs/, where the table lives), description, default severity, and ✓ for recommended and fixable.
 */
export function rulesTable(rules: readonly AnyRule[]): string {
  const rows = rules.map(({ meta }) =>
    [
      `[\`${meta.id}\`](../rules/src/${meta.id}/${meta.id}.md)`,
      cell(meta.description),
      meta.severity,
      meta.recommended ? '✓' : '',
      meta.fixable ? '✓' : '',
    ].join(' | '),
  );
  return ['| id | description | severity | recommended | fixable |', '|---|---|---|---|---|', ...rows.map((row) => `| ${row} |`)].join('\n');
}

/** The generated part of a page (between the markers, without the newlines that frame it), or undefined without markers. */
export function readRulesTable(page: string): string | undefined {
  const start = page.indexOf(RULES_TABLE_START);
  const end = page.indexOf(RULES_TABLE_END, start);
  if (start === -1 || end === -1) return undefined;
  return page
    .slice(start + RULES_TABLE_START.length, end)
    .replace(/^\r?\n/, '')
    .replace(/\r?\n$/, '');
}

/** The page with its generated section replaced by the current table (for the `rules-table` script). */
export function withRulesTable(page: string, rules: readonly AnyRule[]): string {
  const start = page.indexOf(RULES_TABLE_START);
  const end = page.indexOf(RULES_TABLE_END, start);
  if (start === -1 || end === -1) throw new Error(`the page has no ${RULES_TABLE_START} … ${RULES_TABLE_END} section`);
  return `${page.slice(0, start + RULES_TABLE_START.length)}\n${rulesTable(rules)}\n${page.slice(end)}`;
}
