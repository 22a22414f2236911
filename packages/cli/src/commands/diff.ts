import { compareSnapshots } from '../diff/compare.js';
import { countChanges, failures, FAIL_ON_KINDS, parseFailOn } from '../diff/fail-on.js';
import { DIFF_CHECKS, diffFileReports } from '../diff/findings.js';
import { formatDiffMarkdown } from '../diff/markdown.js';
import { loadSide, resolveSides } from '../diff/sides.js';
import { snapshotOf, type Snapshot } from '../diff/snapshot.js';
import { formatDiffText, type DiffView } from '../diff/text.js';
import { formatters } from '../formatters/index.js';
import { colors, emit, useColor, UsageError, write, type CliIO } from '../io.js';
import { DIFF_FORMATS, DIFF_OPTIONS } from '../options/commands.js';
import { optionsHelp } from '../options/help.js';
import { parseCommandLine } from '../options/parse.js';
import { MAX_LISTED_REACH, reachUpperBound } from './reach-report.js';

export const DIFF_HELP = `Usage: composure diff BASE [HEAD] [options] [-- PATH...]

Show what a change does to the network: direct reaches and paths to datastores
added or removed, published ports added, removed or rebound, egress, policy
violations, and networks whose driver, internal flag or subnet changed. BASE and
HEAD are git revisions of the repository here (their files are read from git,
nothing is checked out; without HEAD, the work tree), or two directories
(without HEAD, the current directory). Both sides are analysed as
composure reach analyses a project, each with its own configuration: the
project here (or -f files), or the PATH after --; with --workspace, the PATHs
after -- (else the configuration's workspace:) as the projects of one host.

${optionsHelp(DIFF_OPTIONS)}

Kinds for --fail-on:
${Object.entries(FAIL_ON_KINDS)
  .map(([kind, text]) => `  ${kind.padEnd(16)} ${text}`)
  .join('\n')}

Exit codes: 0 nothing --fail-on counts changed, 1 it did (or a side has errors
that stop analysis, printed to standard error), 2 usage error, an unknown
revision, no git repository, or a side without a compose project.
`;

export async function diffCommand(argv: string[], io: CliIO): Promise<number> {
  // After `--`, the project's PATH (with --workspace, the projects'), as git diff takes paths.
  const dashes = argv.indexOf('--');
  const { values, positionals } = parseCommandLine(DIFF_OPTIONS, dashes < 0 ? argv : argv.slice(0, dashes), io.env);
  const paths = dashes < 0 ? [] : argv.slice(dashes + 1);
  if (values.help) {
    await write(io.stdout, DIFF_HELP);
    return 0;
  }
  const format = values.format ?? 'text';
  if (!(DIFF_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (choose from ${DIFF_FORMATS.join(', ')})`);
  const failOn = parseFailOn(values['fail-on']);
  const [baseSide, headSide] = resolveSides(positionals, values, io);

  if (!values.workspace && paths.length > 1) throw new UsageError('diff compares one project: give one PATH after --, or --workspace');
  const snapshots: Snapshot[] = [];
  for (const side of [baseSide, headSide]) {
    const loaded = await loadSide(side, paths, values, io);
    if (!loaded) return 1;
    const bound = reachUpperBound(loaded.target.topology);
    if (bound > MAX_LISTED_REACH) throw new UsageError(`${side.label}: up to ${bound.toLocaleString('en-US')} direct reaches, too many to compare`);
    snapshots.push(snapshotOf(loaded));
  }
  const [base, head] = snapshots;
  const report = compareSnapshots(baseSide.label, headSide.label, base, head);
  const counts = countChanges(report, head.datastores);
  const failing = failures(counts, failOn).map((kind) => ({ kind, count: counts[kind] }));
  const view: DiffView = { report, datastores: { base: base.datastores, head: head.datastores }, failing };
  const color = useColor(io, values['no-color'] ? false : values.color) && !values.output;

  let text: string;
  if (format === 'json') text = JSON.stringify(report, null, 2) + '\n';
  else if (format === 'text') text = formatDiffText(view, colors(color));
  else if (format === 'markdown') text = formatDiffMarkdown(view);
  else
    text = await formatters[format](diffFileReports(report, base, head, failOn), {
      cwd: io.cwd,
      color,
      source: (file) => head.projects.find((p) => p.files.has(file))?.files.get(file)?.text,
      checks: DIFF_CHECKS,
      command: 'composure diff',
    });
  await emit(io, text, values.output);
  return failing.length > 0 ? 1 : 0;
}
