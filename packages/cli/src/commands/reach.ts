import { closestMatch, evaluatePolicies } from '@composure/core';
import { colors, emit, useColor, UsageError, write, type CliIO } from '../io.js';
import { REACH_OPTIONS } from '../options/commands.js';
import { optionsHelp } from '../options/help.js';
import { parseCommandLine } from '../options/parse.js';
import { MAX_LISTED_REACH, pairReport, reachReport, reachUpperBound } from './reach-report.js';
import { formatPair, formatReach } from './reach-text.js';
import { loadLiveProject } from './reach-live.js';
import { loadTopologyProject } from './targets.js';
import { projectTarget, workspaceTarget } from './topology-target.js';
import { loadTopologyWorkspace } from './workspace-targets.js';

export const REACH_HELP = `Usage: composure reach [PATH] [options]

Show who can reach whom in a Compose project, computed from network membership
as Docker wires it: a matrix of direct reach (with the networks it goes over),
the published ports Docker binds (ingress), the services that can open
connections out (egress), and the declared policies it breaks. With --from and
--to, say whether one service reaches another directly, and the shortest path
through other services (the pivots an attacker would use) when it does not.
With --live, analyse what runs on the Docker Engine instead: the project's
containers and networks as the engine wired them (read only, found by Compose's
labels), other containers on its networks included.

${optionsHelp(REACH_OPTIONS)}

Exit codes: 0 printed, 1 the project has errors that stop analysis (printed to
standard error), 2 usage or I/O error, or (--live) no Docker Engine reachable.
`;

export async function reachCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandLine(REACH_OPTIONS, argv, io.env);
  if (values.help) {
    await write(io.stdout, REACH_HELP);
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" (choose text or json)`);
  if ((values.from === undefined) !== (values.to === undefined)) throw new UsageError('give --from and --to together');
  if (values.workspace && values.live) throw new UsageError('--live reads one running project: leave out --workspace');
  const loaded = values.workspace
    ? workspaceTarget(await loadTopologyWorkspace(positionals, values, io), io.cwd)
    : projectTarget(values.live ? await loadLiveProject(positionals, values, io) : await loadTopologyProject('reach', positionals, values, io));
  if (!loaded) return 1;
  const { scope, topology } = loaded;
  const color = colors(useColor(io, values['no-color'] ? false : values.color) && !values.output);

  if (values.from !== undefined && values.to !== undefined) {
    for (const service of [values.from, values.to]) {
      if (topology.services.has(service)) continue;
      if (scope.disabledServices.has(service))
        throw new UsageError(`service "${service}" is not started with the active profiles (enable its profile with --profile)`);
      const match = closestMatch(service, topology.services.keys());
      const where = loaded.kind === 'project' ? `project ${loaded.name}` : 'the workspace (services are named PROJECT/SERVICE)';
      throw new UsageError(`no service "${service}" in ${where}${match ? `; did you mean "${match}"?` : ''}`);
    }
    if (values.from === values.to) throw new UsageError('--from and --to name the same service');
    const pair = pairReport(topology, values.from, values.to);
    await emit(io, format === 'json' ? JSON.stringify(pair, null, 2) + '\n' : formatPair(pair, color), values.output);
    return 0;
  }

  const bound = reachUpperBound(topology);
  if (bound > MAX_LISTED_REACH) {
    throw new UsageError(
      `${loaded.kind === 'project' ? `project ${loaded.name}` : 'the workspace'} has up to ${bound.toLocaleString('en-US')} direct reaches (${topology.services.size.toLocaleString('en-US')} services), too many to list; ask about two services with --from and --to`,
    );
  }
  const report = reachReport(loaded.name, topology, loaded.projects, loaded.intents, loaded.directory);
  if (format === 'json') {
    await emit(io, JSON.stringify(report, null, 2) + '\n', values.output);
    return 0;
  }
  const { violations } = evaluatePolicies(scope, topology, loaded.policies);
  await emit(io, formatReach(report, violations, color), values.output);
  return 0;
}
