import { declaredNetworkNames, driftOf, engineClient, engineEndpoint, readRunningProject } from '@composure/engine';
import { valueOf } from '../failures.js';
import { formatters } from '../formatters/index.js';
import { colors, emit, useColor, UsageError, write, type CliIO } from '../io.js';
import { DRIFT_FORMATS, DRIFT_OPTIONS } from '../options/commands.js';
import { optionsHelp } from '../options/help.js';
import { parseCommandLine } from '../options/parse.js';
import { DRIFT_CHECKS, driftFileReports, driftReport, formatDriftText } from './drift-report.js';
import { openProject, reportLoadProblems } from './targets.js';

export const DRIFT_HELP = `Usage: composure drift [PATH] [options]

Compare the project as it runs on the Docker Engine with its compose files:
containers missing or no longer declared, networks connected or disconnected by
hand, networks not recreated after the files changed (driver, subnet, gateway,
internal, ICC), static addresses and aliases, published ports, and containers of
other projects on the project's networks. The project's containers and networks
are found by the labels Docker Compose sets. The engine is DOCKER_HOST's
(unix:// or tcp://, with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH), else
/var/run/docker.sock; composure only reads from it.

${optionsHelp(DRIFT_OPTIONS)}

Exit codes: 0 no drift, 1 drift found, 2 no Docker Engine reachable, or a usage
or project error.
`;

export async function driftCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandLine(DRIFT_OPTIONS, argv, io.env);
  if (values.help) {
    await write(io.stdout, DRIFT_HELP);
    return 0;
  }
  const format = values.format ?? 'text';
  if (!(DRIFT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (choose from ${DRIFT_FORMATS.join(', ')})`);
  // The configuration is about linting: drift compares the files with the engine, whatever it says.
  const { session, project: ref } = await openProject('drift', positionals, values, io, { configFile: false });
  const project = valueOf(session.load(ref));
  // A project that does not load cannot be compared (exit 2, as for any project error).
  if (await reportLoadProblems(project, io)) return 2;

  const client = engineClient(engineEndpoint(io.env));
  const running = await readRunningProject(client, project.name, declaredNetworkNames(project));
  const findings = driftOf(project, running);
  const color = useColor(io, values['no-color'] ? false : values.color) && !values.output;
  let text: string;
  if (format === 'text') text = formatDriftText(project.name, running.engine, findings, colors(color));
  else if (format === 'json') text = JSON.stringify(driftReport(project.name, findings), null, 2) + '\n';
  else {
    const sources = (file: string) => project.files.get(file)?.text;
    const formatter = await formatters[format]();
    text = await formatter(driftFileReports(project, findings), {
      cwd: io.cwd,
      color,
      source: sources,
      checks: DRIFT_CHECKS,
      command: 'composure drift',
    });
  }
  await emit(io, text, values.output);
  return findings.length > 0 ? 1 : 0;
}
