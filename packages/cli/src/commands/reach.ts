import { parseArgs } from 'node:util';
import { closestMatch, evaluatePolicies, topologyOf } from '@composure/core';
import { colors, emit, useColor, UsageError, write, type CliIO } from '../io.js';
import { MAX_LISTED_REACH, pairReport, reachReport, reachUpperBound } from './reach-report.js';
import { formatPair, formatReach } from './reach-text.js';
import { loadTopologyProject, PROJECT_HELP, TOPOLOGY_OPTIONS } from './targets.js';

export const REACH_HELP = `Usage: composure reach [PATH] [options]

Show who can reach whom in a Compose project, computed from network membership
as Docker wires it: a matrix of direct reach (with the networks it goes over),
the published ports Docker binds (ingress), the services that can open
connections out (egress), and the declared policies it breaks. With --from and
--to, say whether one service reaches another directly, and the shortest path
through other services (the pivots an attacker would use) when it does not.

${PROJECT_HELP}

Reach options:
      --from SERVICE          The service a connection starts from (with --to)
      --to SERVICE            The service it goes to (with --from)
      --format FORMAT         text (default) or json
  -o, --output FILE           Write to FILE instead of standard output
  -c, --config FILE           Configuration file with policies (default: the nearest .composure.yaml)
      --color, --no-color     Force colour on or off (default: on for a terminal, off with NO_COLOR)
  -h, --help                  Show this help

Exit codes: 0 printed, 1 the project has errors that stop analysis (printed to
standard error), 2 usage or I/O error.
`;

export async function reachCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...TOPOLOGY_OPTIONS,
      from: { type: 'string' },
      to: { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
    },
  });
  if (values.help) {
    await write(io.stdout, REACH_HELP);
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" (choose text or json)`);
  if ((values.from === undefined) !== (values.to === undefined)) throw new UsageError('give --from and --to together');
  const loaded = await loadTopologyProject('reach', positionals, values, io);
  if (!loaded) return 1;
  const { project, config } = loaded;
  const topology = topologyOf(project);
  const color = colors(useColor(io, values['no-color'] ? false : values.color) && !values.output);

  if (values.from !== undefined && values.to !== undefined) {
    for (const name of [values.from, values.to]) {
      if (topology.services.has(name)) continue;
      if (project.disabledServices.has(name)) throw new UsageError(`service "${name}" is not started with the active profiles (enable its profile with --profile)`);
      const match = closestMatch(name, topology.services.keys());
      throw new UsageError(`no service "${name}" in project ${project.name}${match ? `; did you mean "${match}"?` : ''}`);
    }
    if (values.from === values.to) throw new UsageError('--from and --to name the same service');
    const pair = pairReport(topology, values.from, values.to);
    await emit(io, format === 'json' ? JSON.stringify(pair, null, 2) + '\n' : formatPair(pair, color), values.output);
    return 0;
  }

  const bound = reachUpperBound(topology);
  if (bound > MAX_LISTED_REACH) {
    throw new UsageError(`project ${project.name} has up to ${bound.toLocaleString('en-US')} direct reaches (${topology.services.size.toLocaleString('en-US')} services), too many to list; ask about two services with --from and --to`);
  }
  const report = reachReport(project.name, topology);
  if (format === 'json') {
    await emit(io, JSON.stringify(report, null, 2) + '\n', values.output);
    return 0;
  }
  const { violations } = evaluatePolicies(project, topology, config.policies);
  await emit(io, formatReach(report, violations, color), values.output);
  return 0;
}
