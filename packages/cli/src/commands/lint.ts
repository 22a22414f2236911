import { nodeHost, onceAcrossProjects, type Finding, type Severity, type SeveritySetting } from '@composure/core';
import { reasonOf, valueOf } from '../failures.js';
import { formatters } from '../formatters/index.js';
import type { FileReport } from '../formatters/report.js';
import { emit, useColor, UsageError, write, type CliIO } from '../io.js';
import { LINT_OPTIONS } from '../options/commands.js';
import { optionsHelp } from '../options/help.js';
import { parseCommandLine } from '../options/parse.js';
import { openProjects } from './targets.js';
import { openWorkspace, printFailures } from './workspace-targets.js';
import { FIX_EXIT_CODES, fixModeOf, FixSession } from './fix.js';

export const LINT_HELP = `Usage: composure lint [PATH...] [options]

Lint Docker Compose projects: YAML syntax, the Compose schema, interpolation,
and composure's rules. A PATH is a directory (its compose.yaml and matching
override file, found as Docker Compose finds them), a compose file, or - for
standard input. Without PATH or -f, the current directory and its parents are
searched.

${optionsHelp(LINT_OPTIONS)}

Exit codes: 0 no errors, 1 errors found (or findings at --failure-threshold, or
more warnings than --max-warnings), 2 usage, configuration or I/O error.
Findings excluded by the configuration or disabled by a directive never count;
only the sarif format reports them, as suppressions.
${FIX_EXIT_CODES}
`;

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

/** --failure-threshold: the severities that fail the run (exit 1), as hadolint's option. */
const FAILING: Record<string, ReadonlySet<Severity>> = {
  error: new Set(['error']),
  warning: new Set(['error', 'warning']),
  info: new Set(['error', 'warning', 'info']),
  none: new Set(),
};

function parseRuleOverrides(values: string[] | undefined): Record<string, SeveritySetting> {
  const overrides: Record<string, SeveritySetting> = {};
  for (const value of values ?? []) {
    const match = /^([a-z][a-z0-9-]*)=(\w+)$/.exec(value);
    const severity = match?.[2] === 'warn' ? 'warning' : match?.[2];
    if (!match || !severity || !SEVERITIES.has(severity))
      throw new UsageError(`--rule expects RULE=SEVERITY with SEVERITY one of error, warning, info, off (got "${value}")`);
    overrides[match[1]] = severity as SeveritySetting;
  }
  return overrides;
}

/** Groups findings by file: every YAML file read comes first in reading order, clean ones included. */
function fileReports(files: Iterable<string>, findings: readonly Finding[]): FileReport[] {
  const reports = new Map<string, FileReport>();
  for (const file of files) reports.set(file, { filePath: file, findings: [] });
  for (const finding of findings) {
    let report = reports.get(finding.file);
    if (!report) reports.set(finding.file, (report = { filePath: finding.file, findings: [] }));
    report.findings.push(finding);
  }
  return [...reports.values()];
}

export async function lintCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandLine(LINT_OPTIONS, argv, io.env);
  if (values.help) {
    await write(io.stdout, LINT_HELP);
    return 0;
  }
  const formatName = values.format ?? 'stylish';
  const formatter = Object.hasOwn(formatters, formatName) ? formatters[formatName] : undefined;
  if (!formatter) throw new UsageError(`unknown format "${formatName}" (choose from ${Object.keys(formatters).join(', ')})`);
  const maxWarnings = values['max-warnings'] === undefined ? -1 : Number(values['max-warnings']);
  if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError(`--max-warnings expects a whole number (got "${values['max-warnings']}")`);
  const threshold = values['failure-threshold'] ?? 'error';
  if (!Object.hasOwn(FAILING, threshold)) throw new UsageError(`--failure-threshold expects error, warning, info or none (got "${threshold}")`);
  const ruleOverrides = parseRuleOverrides(values.rule);
  const fixSession = new FixSession(fixModeOf(values));

  let exitCode = 0;
  const files: string[] = [];
  /** The texts as read (standard input included), for the formats' fingerprints; projects that failed, for SARIF. */
  const sources = new Map<string, string>();
  const failures: string[] = [];
  /** Each project's findings: a file several projects share (an extends base) is reported once. */
  const perProject: Finding[][] = [];
  const settings = { configFile: values.config, engineVersion: values['engine-version'], daemonConfig: values['daemon-config'], ruleOverrides };
  if (values.workspace) {
    if (fixSession.mode) throw new UsageError('--fix and --fix-dry-run fix one project at a time: leave out --workspace to fix');
    const { session, projects } = await openWorkspace(positionals, values, io, settings);
    const result = session.analyzeWorkspace(projects);
    if ((await printFailures(result.projects, io)) > 0) exitCode = 2;
    for (const project of result.projects) if (!project.ok) failures.push(project.failure.message);
    const workspace = valueOf(result.workspace);
    for (const { project } of workspace.workspace.members) {
      files.push(...project.sources.keys());
      for (const [path, file] of project.files) sources.set(path, file.text);
    }
    perProject.push(workspace.findings);
  } else {
    const { session, projects } = await openProjects(positionals, values, io, { ...settings, host: fixSession.host(nodeHost) });
    for (const project of projects) {
      const result = fixSession.analyze(session, project);
      if (result.ok) {
        const analysis = result.value;
        files.push(...analysis.project.sources.keys());
        perProject.push(analysis.findings);
        for (const [path, file] of analysis.project.files) sources.set(path, file.text);
      } else {
        const reason = reasonOf(result.failure);
        await write(io.stderr, `composure: ${reason}\n`);
        failures.push(reason);
        exitCode = 2;
      }
    }
  }
  const findings = onceAcrossProjects(perProject);
  // --fix-dry-run prints the diff only: its exit code says whether there is something to fix.
  if (fixSession.mode === 'dry-run') return Math.max(exitCode, await fixSession.printDiff(io, values.output));
  // Findings suppressed by `exclude:` or a directive never count, and only a format that
  // reports suppressions (SARIF) is given them: the one place they are filtered.
  const counted = findings.filter((f) => !f.suppressed);
  const given = formatter.suppressions ? findings : counted;
  const reported = values.quiet ? given.filter((f) => f.severity === 'error') : given;
  const reports = fileReports(files, reported);
  const color = useColor(io, values['no-color'] ? false : values.color) && !values.output;
  await emit(io, await formatter(reports, { cwd: io.cwd, color, source: (file) => sources.get(file), errors: failures }), values.output);

  if (exitCode !== 0) return exitCode;
  const warnings = counted.filter((f) => f.severity === 'warning').length;
  if (counted.some((f) => FAILING[threshold].has(f.severity))) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    await write(io.stderr, `composure: ${warnings} warnings exceed --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}
