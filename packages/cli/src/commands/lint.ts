import { parseArgs } from 'node:util';
import { analyze, ConfigError, LoadError, type Finding, type SeveritySetting } from '@composure/core';
import { rules, validateConfig } from '@composure/rules';
import { formatters } from '../formatters/index.js';
import type { FileReport } from '../formatters/report.js';
import { emit, useColor, UsageError, write, type CliIO } from '../io.js';
import { PROJECT_HELP, PROJECT_OPTIONS, projectTargets } from './targets.js';

export const LINT_HELP = `Usage: composure lint [PATH...] [options]

Lint Docker Compose projects: YAML syntax, the Compose schema, interpolation,
and composure's rules. A PATH is a directory (its compose.yaml and matching
override file, found as Docker Compose finds them), a compose file, or - for
standard input. Without PATH or -f, the current directory and its parents are
searched.

${PROJECT_HELP}

Lint options:
  -c, --config FILE           Configuration file (default: COMPOSURE_CONFIG, or the nearest .composure.yaml)
      --format FORMAT         Report format: ${Object.keys(formatters).join(', ')} (default: COMPOSURE_FORMAT or stylish)
  -o, --output FILE           Write the report to FILE instead of standard output
      --rule RULE=SEVERITY    Set a rule's severity (error, warning, info, off); repeatable
      --max-warnings N        Exit with 1 when there are more than N warnings
      --quiet                 Report errors only
      --color, --no-color     Force colour on or off (default: on for a terminal, off with NO_COLOR)
  -h, --help                  Show this help

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings),
2 usage, configuration or I/O error.
`;

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

function parseRuleOverrides(values: string[] | undefined): Record<string, SeveritySetting> {
  const overrides: Record<string, SeveritySetting> = {};
  for (const value of values ?? []) {
    const match = /^([a-z][a-z0-9-]*)=(\w+)$/.exec(value);
    const severity = match?.[2] === 'warn' ? 'warning' : match?.[2];
    if (!match || !severity || !SEVERITIES.has(severity)) throw new UsageError(`--rule expects RULE=SEVERITY with SEVERITY one of error, warning, info, off (got "${value}")`);
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
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...PROJECT_OPTIONS,
      config: { type: 'string', short: 'c' },
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      rule: { type: 'string', multiple: true },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    await write(io.stdout, LINT_HELP);
    return 0;
  }
  const formatName = values.format ?? io.env.COMPOSURE_FORMAT ?? 'stylish';
  const formatter = Object.hasOwn(formatters, formatName) ? formatters[formatName] : undefined;
  if (!formatter) throw new UsageError(`unknown format "${formatName}" (choose from ${Object.keys(formatters).join(', ')})`);
  const maxWarnings = values['max-warnings'] === undefined ? -1 : Number(values['max-warnings']);
  if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError(`--max-warnings expects a whole number (got "${values['max-warnings']}")`);
  const ruleOverrides = parseRuleOverrides(values.rule);
  const configFile = values.config ?? io.env.COMPOSURE_CONFIG;

  let exitCode = 0;
  const files: string[] = [];
  const findings: Finding[] = [];
  for (const target of await projectTargets(positionals, values, io)) {
    try {
      const analysis = analyze({ ...target, rules, validateConfig, configFile, ruleOverrides });
      files.push(...analysis.project.sources.keys());
      findings.push(...analysis.findings);
    } catch (error) {
      if (!(error instanceof LoadError || error instanceof ConfigError)) throw error;
      await write(io.stderr, `${error.message.startsWith('composure:') ? '' : 'composure: '}${error.message}\n`);
      exitCode = 2;
    }
  }
  const reported = values.quiet ? findings.filter((f) => f.severity === 'error') : findings;
  const reports = fileReports(files, reported);
  const color = useColor(io, values['no-color'] ? false : values.color) && !values.output;
  await emit(io, formatter(reports, { cwd: io.cwd, color }), values.output);

  if (exitCode !== 0) return exitCode;
  const errors = reported.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    await write(io.stderr, `composure: ${warnings} warnings exceed --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}
