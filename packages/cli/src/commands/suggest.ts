import {
  intentsOf,
  isDatastoreImage,
  planNetworkSplit,
  splitEdits,
  topologyOf,
  unneededDatastoreReach,
  zeroTrustPolicy,
  type Intent,
  type Project,
  type SplitPlan,
} from '@composure/core';
import { valueOf } from '../failures.js';
import { relativePath } from '../formatters/paths.js';
import { emit, UsageError, write, type CliIO } from '../io.js';
import { SUGGEST_OPTIONS } from '../options/commands.js';
import { optionsHelp } from '../options/help.js';
import { parseCommandLine } from '../options/parse.js';
import { FixSession } from './fix.js';
import { openProject, reportLoadProblems } from './targets.js';

export const SUGGEST_HELP = `Usage: composure suggest [PATH] [options]

Propose least-privilege segmentation from what the services mean to reach (their
intents: environment URLs and host variables, depends_on, links, proxy labels,
mounted proxy and scraper configs):
  - a zero-trust policy for .composure.yaml: default: deny, allowing each pair
    of services an intent connects;
  - a network split of the compose file: every intent keeps a shared network,
    and every datastore shares networks only with the services that use it.
The split is printed as a unified diff; --write applies it, keeping comments
and formatting. Either way suggest checks the split on the changed files and
says whether every intent is reachable and no datastore is reached without one.

${optionsHelp(SUGGEST_OPTIONS)}

Exit codes: 0 printed (or written), 1 the project has errors that stop analysis
(printed to standard error), or the split does not hold (said why), 2 usage or
I/O error.
`;

/** Passes enough for one edit per network joined or left, per list. */
const MAX_PASSES = 100;

export async function suggestCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandLine(SUGGEST_OPTIONS, argv, io.env);
  if (values.help) {
    await write(io.stdout, SUGGEST_HELP);
    return 0;
  }
  if (values.write && positionals.includes('-')) throw new UsageError('--write cannot write standard input');
  const { session, project: ref } = await openProject('suggest', positionals, values, io, {
    configFile: values.config,
    engineVersion: values['engine-version'],
  });
  const loaded = valueOf(session.configure(ref));
  if (await reportLoadProblems(loaded.project, io)) return 1;
  const { project, config } = loaded;
  const topology = topologyOf(project, config.engine);
  const intents = intentsOf(project, topology);
  const datastores = new Set([...topology.services.values()].filter((s) => isDatastoreImage(s.image, config.datastores)).map((s) => s.name));
  const plan = planNetworkSplit(topology, intents, datastores);

  const fixSession = new FixSession(values.write ? 'fix' : 'dry-run');
  const fixed = valueOf(fixSession.fix(session, ref, { edits: splitEdits(plan), maxPasses: MAX_PASSES }));
  const check = checkSplit(fixed.project, config.engine, datastores);

  // Relative to the project directory, where .composure.yaml goes.
  const where = (i: Intent) => `${relativePath(project.workingDir, i.file)}:${i.line}`;
  const out: string[] = [];
  out.push(`# Zero-trust policy for .composure.yaml (or x-composure: in the compose file), from ${count(intents.length, 'intent')}:`, '');
  out.push(
    zeroTrustPolicy(
      topology,
      intents.map((i) => ({ from: i.from, to: i.to, source: i.source, where: where(i) })),
    ),
  );
  out.push(`# Network split: ${describePlan(plan)}${values.write || plan.changes.length === 0 ? '' : ' composure suggest --write applies it.'}`);
  for (const note of plan.notes) out.push(`# note: ${note}`);
  const diff = fixSession.diff(io.cwd);
  if (values.write) {
    const files = [...new Set(fixed.changes.map((c) => relativePath(io.cwd, c.path)))];
    out.push(files.length > 0 ? `# wrote ${files.join(', ')}` : '# nothing to change');
  } else if (diff !== '') out.push('', diff.replace(/\n$/, ''));
  out.push('', `# ${check.ok ? 'After the split' : 'The split does not hold'}: ${check.text}`);
  await emit(io, out.join('\n') + '\n', values.output);
  return check.ok ? 0 : 1;
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function describePlan(plan: SplitPlan): string {
  if (plan.changes.length === 0) return 'none needed: every intent has a shared network and no datastore is reached without one.';
  const added = plan.added.map((a) => `"${a.key}"${a.internal ? ' (internal)' : ''}`);
  return `${count(plan.changes.length, 'service')} ${plan.changes.length === 1 ? 'changes' : 'change'} networks${added.length > 0 ? `, ${count(added.length, 'network')} added: ${added.join(', ')}` : ''}.`;
}

/** What the project as split gives: each intent reached directly, no datastore reached without an intent. */
function checkSplit(project: Project, engine: Parameters<typeof topologyOf>[1], datastores: ReadonlySet<string>): { ok: boolean; text: string } {
  const topology = topologyOf(project, engine);
  const intents = intentsOf(project, topology);
  const unreached = intents.filter((i) => !topology.reaches(i.from, i.to));
  const unneeded = unneededDatastoreReach(topology, intents, datastores);
  if (unreached.length === 0 && unneeded.length === 0)
    return { ok: true, text: `${count(intents.length, 'intent')}, every one reachable; no datastore reached without an intent.` };
  const problems = [
    ...unreached.map((i) => `${i.from} → ${i.to} (${i.source}) is not reachable`),
    ...unneeded.map((u) => `${u.service} still reaches the datastore ${u.datastore} over ${u.networks.join(', ')}`),
  ];
  return { ok: false, text: problems.join('; ') + '.' };
}
