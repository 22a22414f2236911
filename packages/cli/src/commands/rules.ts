import { rules } from '@composure/rules';
import { UsageError, write, type CliIO } from '../io.js';
import { RULES_OPTIONS } from '../options/commands.js';
import { parseCommandLine } from '../options/parse.js';

export const RULES_HELP = `Usage: composure rules [--format table|json]

List every rule with its default severity, whether the recommended preset
enables it, and whether --fix can fix it.
`;

export async function rulesCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandLine(RULES_OPTIONS, argv, io.env);
  if (values.help) {
    await write(io.stdout, RULES_HELP);
    return 0;
  }
  const format = values.format ?? 'table';
  const rows = rules.map(({ meta }) => ({
    id: meta.id,
    description: meta.description,
    severity: meta.severity,
    recommended: meta.recommended,
    fixable: meta.fixable,
  }));
  if (format === 'json') {
    await write(io.stdout, JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  if (format !== 'table') throw new UsageError(`unknown format "${format}" (choose table or json)`);
  const width = Math.max(...rows.map((r) => r.id.length));
  const lines = rows.map(
    (r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.recommended ? 'rec' : '   '}  ${r.fixable ? 'fix' : '   '}  ${r.description}`,
  );
  await write(io.stdout, `${'rule'.padEnd(width)}  severity rec  fix  description\n${lines.join('\n')}\n`);
  return 0;
}
