import { closestMatch, evaluatePolicies, MAX_LISTED_REACH, pairReport, reachReport, reachUpperBound, topologyOf, type PairReport, type PolicyViolation, type ReachReport } from '@composure/core';
import { colors, emit, useColor, UsageError, write, type CliIO, type Colors } from '../io.js';
import { REACH_OPTIONS } from '../options/commands.js';
import { optionsHelp } from '../options/help.js';
import { parseCommandLine } from '../options/parse.js';
import { loadTopologyProject } from './targets.js';

export const REACH_HELP = `Usage: composure reach [PATH] [options]

Show who can reach whom in a Compose project, computed from network membership
as Docker wires it: a matrix of direct reach (with the networks it goes over),
the published ports Docker binds (ingress), the services that can open
connections out (egress), and the declared policies it breaks. With --from and
--to, say whether one service reaches another directly, and the shortest path
through other services (the pivots an attacker would use) when it does not.

${optionsHelp(REACH_OPTIONS)}

Exit codes: 0 printed, 1 the project has errors that stop analysis (printed to
standard error), 2 usage or I/O error.
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

function formatPair(pair: PairReport, c: Colors): string {
  const head = `${c.bold(pair.from)} → ${c.bold(pair.to)}`;
  if (pair.direct) return `${head}: reaches directly over ${pair.via.join(', ')}.\n`;
  if (!pair.path) return `${head}: cannot reach, directly or through other services.\n`;
  const pivots = (pair.path.length - 3) / 2;
  return `${head}: no direct reach, but a path through ${pivots} other service${pivots === 1 ? '' : 's'}:\n  ${pair.path.join(' → ')}\n`;
}

/** Beyond this many services a matrix no longer fits a terminal: the per-service lines remain. */
const MAX_MATRIX = 40;

const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - s.length));

/** The readable view: networks, the reach matrix with who-reaches-whom lines, ingress, egress, policy violations. */
function formatReach(report: ReachReport, violations: PolicyViolation[], c: Colors): string {
  const out: string[] = [];
  const { services, networks } = report;
  out.push(`${c.bold(`Project ${report.project}`)}: ${services.length} service${services.length === 1 ? '' : 's'}, ${networks.length} network${networks.length === 1 ? '' : 's'}`, '');

  out.push(c.bold('Networks'));
  if (networks.length === 0) out.push('  (none)');
  const nameWidth = Math.max(0, ...networks.map((n) => n.name.length));
  const driverWidth = Math.max(0, ...networks.map((n) => n.driver.length));
  for (const n of networks) {
    const members = n.members.length > 0 ? n.members.join(', ') : c.dim('no members');
    out.push(`  ${pad(n.name, nameWidth)}  ${pad(n.driver, driverWidth)}  ${n.internal ? 'internal' : '        '}  ${members}`);
  }
  out.push('');

  out.push(c.bold('Direct reach') + (services.length <= MAX_MATRIX ? c.dim(' (row reaches column; ● yes, · no)') : ''));
  const index = new Map(services.map((s, i) => [s, i + 1]));
  const reached = new Map<string, Map<string, string[]>>();
  for (const r of report.reach) {
    let row = reached.get(r.from);
    if (!row) reached.set(r.from, (row = new Map()));
    row.set(r.to, r.via);
  }
  const serviceWidth = Math.max(0, ...services.map((s) => s.length));
  const numberWidth = String(services.length).length;
  const cell = Math.max(3, numberWidth + 2);
  if (services.length <= MAX_MATRIX) out.push(`  ${' '.repeat(numberWidth + 1 + serviceWidth)} ${services.map((s) => String(index.get(s)).padStart(cell)).join('')}`);
  else out.push(c.dim(`  (no matrix for ${services.length} services: it would be ${services.length} columns wide)`));
  for (const from of services.length <= MAX_MATRIX ? services : []) {
    const row = reached.get(from);
    const cells = services.map((to) => (to === from ? c.dim('-'.padStart(cell)) : row?.has(to) ? '●'.padStart(cell) : c.dim('·'.padStart(cell))));
    out.push(`  ${String(index.get(from)).padStart(numberWidth)} ${pad(from, serviceWidth)} ${cells.join('')}`);
  }
  out.push('');
  for (const from of services) {
    const row = reached.get(from);
    if (!row) continue;
    const targets = [...row].map(([to, via]) => `${to} ${c.dim(`(${via.join(', ')})`)}`);
    out.push(`  ${pad(from, serviceWidth)} → ${targets.join(', ')}`);
  }
  const alone = services.filter((s) => !reached.has(s));
  if (alone.length > 0) out.push(`  ${c.dim('reach no other service:')} ${alone.join(', ')}`);
  out.push('');

  out.push(c.bold('Ingress') + c.dim(' (published ports Docker binds)'));
  if (report.ingress.length === 0) out.push('  (none)');
  const ingressWidth = Math.max(0, ...report.ingress.map((p) => p.service.length));
  for (const p of report.ingress) {
    const ip = p.hostIp === null ? '0.0.0.0' : p.hostIp.includes(':') && !p.hostIp.startsWith('[') ? `[${p.hostIp}]` : p.hostIp;
    const loopback = /^(127\.|\[?::1\]?$)/.test(ip) ? c.dim('  this machine only') : '';
    out.push(`  ${pad(p.service, ingressWidth)}  ${ip}:${p.published} → ${p.target}/${p.protocol}${loopback}`);
  }
  out.push('');

  out.push(c.bold('Egress') + c.dim(' (can open connections outside the project)'));
  out.push(`  ${report.egress.length > 0 ? report.egress.join(', ') : '(none)'}`);
  const closed = services.filter((s) => !report.egress.includes(s));
  if (closed.length > 0) out.push(`  ${c.dim('no egress:')} ${closed.join(', ')}`);

  if (violations.length > 0) {
    out.push('', c.bold(c.red('Policy violations')));
    for (const v of violations) out.push(`  ${c.red('✖')} ${v.message}`);
  }
  return out.join('\n') + '\n';
}
