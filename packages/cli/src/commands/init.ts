import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { CONFIG_FILE_NAMES, type Finding } from '@composure/core';
import { valueOf } from '../failures.js';
import { IOError, UsageError, write, type CliIO } from '../io.js';
import { INIT_OPTIONS } from '../options/commands.js';
import { optionsHelp } from '../options/help.js';
import { parseCommandLine } from '../options/parse.js';
import { openProject } from './targets.js';

export const INIT_HELP = `Usage: composure init [PATH] [options]

Write a .composure.yaml beside the project's first compose file that accepts what
the project violates today, as a baseline: each finding about a service becomes
an exclusion for that rule and service, any other finding turns its rule off. New
problems are then reported from the next run on; remove entries as you fix them.
YAML, schema and interpolation errors are never baselined: fix them first.

${optionsHelp(INIT_OPTIONS)}

Exit codes: 0 written, 2 usage or I/O error (or a configuration file already exists).
`;

/** Findings the loader reports: a baseline must not hide a broken file. */
const CORE_IDS = new Set(['yaml-syntax', 'compose-schema', 'interpolation', 'compose-load']);

export async function initCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandLine(INIT_OPTIONS, argv, io.env);
  if (values.help) {
    await write(io.stdout, INIT_HELP);
    return 0;
  }
  // The preset alone: a configuration found further up must not decide what the baseline holds.
  const { session, project: named } = await openProject('init', positionals, values, io, { configFile: false });
  const { project, findings } = valueOf(session.analyze(named));
  const file = join(dirname(project.configFiles[0]), CONFIG_FILE_NAMES[0]);
  if (existsSync(file) && !values.force) throw new UsageError(`${relative(io.cwd, file) || file} already exists (use --force to overwrite it)`);

  const baselined = findings.filter((f) => !f.suppressed && !CORE_IDS.has(f.ruleId));
  const text = baselineConfig(baselined, new Date().toISOString().slice(0, 10));
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new IOError(`cannot write ${file}: ${(error as Error).message}`);
  }
  const rulesOff = new Set(baselined.filter((f) => !f.service).map((f) => f.ruleId));
  const exclusions = new Set(baselined.filter((f) => f.service).map((f) => `${f.ruleId}\0${f.service}`));
  const skipped = findings.filter((f) => !f.suppressed && CORE_IDS.has(f.ruleId)).length;
  await write(
    io.stdout,
    `Wrote ${relative(io.cwd, file) || file}: ${baselined.length} finding${baselined.length === 1 ? '' : 's'} accepted as a baseline (${rulesOff.size} rule${rulesOff.size === 1 ? '' : 's'} off, ${exclusions.size} exclusion${exclusions.size === 1 ? '' : 's'}).\n` +
      (skipped > 0
        ? `${skipped} YAML, schema or interpolation finding${skipped === 1 ? ' is' : 's are'} not baselined: run composure lint and fix ${skipped === 1 ? 'it' : 'them'}.\n`
        : ''),
  );
  return 0;
}

/** The configuration text: comments say where each entry comes from, so it reads as a to-do list. */
export function baselineConfig(findings: readonly Finding[], date: string): string {
  const count = (list: readonly Finding[]) => `${list.length} finding${list.length === 1 ? '' : 's'}`;
  const byRule = groupBy(findings, (f) => f.ruleId);
  const off = [...byRule].filter(([, list]) => list.some((f) => !f.service)).sort(([a], [b]) => (a < b ? -1 : 1));
  const offIds = new Set(off.map(([id]) => id));
  const perService = groupBy(
    findings.filter((f) => f.service && !offIds.has(f.ruleId)),
    (f) => `${f.ruleId}\0${f.service}`,
  );
  const lines = [
    `# composure configuration, written by \`composure init\` on ${date}.`,
    '# It accepts what the project violated that day, as a baseline: remove an entry',
    '# once its findings are fixed. Documentation: composure explain RULE, and',
    '# docs/configuration.md in the composure repository.',
    'extends: recommended',
  ];
  lines.push(off.length > 0 ? 'rules:' : 'rules: {}');
  for (const [id, list] of off) lines.push(`  ${id}: off   # ${count(list)}`);
  if (perService.size === 0) lines.push('exclude: []');
  else {
    lines.push('exclude:');
    for (const [key, list] of [...perService].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [rule, service] = key.split('\0');
      lines.push(`  - { rule: ${rule}, service: ${JSON.stringify(service)}, reason: "baseline of ${date}" }   # ${count(list)}`);
    }
  }
  lines.push(
    '# Network segmentation you intend, checked by reachability-policy, e.g.:',
    '# policies:',
    '#   - deny: { from: frontend, to: "network:database" }',
    '# Images the network rules treat as datastores, beyond the well-known ones:',
    '# datastores: ["mycorp/ledger*"]',
  );
  return lines.join('\n') + '\n';
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
