import { closestMatch } from '@composure/core';
import { ruleDoc, rulesById } from '@composure/rules';
import { UsageError, write, type CliIO } from '../io.js';
import { EXPLAIN_OPTIONS } from '../options/commands.js';
import { parseCommandLine } from '../options/parse.js';

export const EXPLAIN_HELP = `Usage: composure explain RULE

Print a rule's doc page (why it matters, a failing and a passing example, its
options and the equivalent checks of other tools), offline. composure rules
lists the rule ids.
`;

export async function explainCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandLine(EXPLAIN_OPTIONS, argv, io.env);
  if (values.help) {
    await write(io.stdout, EXPLAIN_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('explain takes one rule id (composure rules lists them)');
  const [id] = positionals;
  const doc = rulesById.has(id) ? await ruleDoc(id) : undefined;
  if (doc === undefined) {
    const match = closestMatch(id, rulesById.keys());
    throw new UsageError(`no rule "${id}"${match ? `; did you mean "${match}"?` : ''} (composure rules lists them)`);
  }
  await write(io.stdout, doc.endsWith('\n') ? doc : `${doc}\n`);
  return 0;
}
