/**
 * A rule's doc page, for `composure explain` and editors: loaded on first use only
 * (every page together is ~100 KB that `lint` never needs).
 */
export async function ruleDoc(id: string): Promise<string | undefined> {
  const { ruleDocs } = await import('../generated/rule-docs.js');
  return Object.hasOwn(ruleDocs, id) ? ruleDocs[id] : undefined;
}
