import type { PolicyViolation } from '@composure/core';
import type { Colors } from '../io.js';
import type { PairReport, ReachReport } from './reach-report.js';

/** `composure reach`'s text view of its report (the JSON is the report itself). */

/** `--from A --to B`: whether A reaches B directly, or the path through other services. */
export function formatPair(pair: PairReport, c: Colors): string {
  const head = `${c.bold(pair.from)} → ${c.bold(pair.to)}`;
  if (pair.direct) return `${head}: reaches directly over ${pair.via.join(', ')}.\n`;
  if (!pair.path) return `${head}: cannot reach, directly or through other services.\n`;
  const pivots = (pair.path.length - 3) / 2;
  return `${head}: no direct reach, but a path through ${pivots} other service${pivots === 1 ? '' : 's'}:\n  ${pair.path.join(' → ')}\n`;
}

/** A published port as bound: `0.0.0.0:80 → 80/tcp`, `127.0.0.1:ephemeral → 443/tcp`, `[::1]:53 → 53/udp`. */
export function bindingText(p: ReachReport['ingress'][number]): string {
  // Every interface reads 0.0.0.0 unless only IPv6 is bound (an IPv6-only network).
  const shown = p.hostIp ?? (p.addresses.length === 1 ? p.addresses[0] : '0.0.0.0');
  const ip = shown.includes(':') && !shown.startsWith('[') ? `[${shown}]` : shown;
  return `${ip}:${p.published ?? 'ephemeral'} → ${p.target}/${p.protocol}`;
}

/** Beyond this many services a matrix no longer fits a terminal: the per-service lines remain. */
const MAX_MATRIX = 40;

const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - s.length));

/** The readable view: networks, the reach matrix with who-reaches-whom lines, ingress, egress, policy violations. */
export function formatReach(report: ReachReport, violations: PolicyViolation[], c: Colors): string {
  const out: string[] = [];
  const { services, networks } = report;
  const title = report.projects ? `Workspace of ${report.projects.length} projects (${report.projects.join(', ')})` : `Project ${report.project}`;
  out.push(
    `${c.bold(title)}: ${services.length} service${services.length === 1 ? '' : 's'}, ${networks.length} network${networks.length === 1 ? '' : 's'}`,
    '',
  );

  out.push(c.bold('Networks'));
  if (networks.length === 0) out.push('  (none)');
  const nameWidth = Math.max(0, ...networks.map((n) => n.name.length));
  const driverWidth = Math.max(0, ...networks.map((n) => n.driver.length));
  for (const n of networks) {
    const members = n.members.length > 0 ? n.members.join(', ') : c.dim('no members');
    out.push(`  ${pad(n.name, nameWidth)}  ${pad(n.driver, driverWidth)}  ${n.internal ? 'internal' : '        '}  ${members}`);
  }
  out.push('');

  const intended = intendedPairs(report);
  const legend = intended.size > 0 ? '● yes, ◆ yes and intended, ✕ intended but not reached, · no' : '● yes, · no';
  out.push(c.bold('Direct reach') + (services.length <= MAX_MATRIX ? c.dim(` (row reaches column; ${legend})`) : ''));
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
  if (services.length <= MAX_MATRIX)
    out.push(`  ${' '.repeat(numberWidth + 1 + serviceWidth)} ${services.map((s) => String(index.get(s)).padStart(cell)).join('')}`);
  else out.push(c.dim(`  (no matrix for ${services.length} services: it would be ${services.length} columns wide)`));
  for (const from of services.length <= MAX_MATRIX ? services : []) {
    const row = reached.get(from);
    const cells = services.map((to) => {
      if (to === from) return c.dim('-'.padStart(cell));
      const means = intended.has(`${from}\0${to}`);
      if (row?.has(to)) return means ? c.bold('◆'.padStart(cell)) : '●'.padStart(cell);
      return means ? c.red('✕'.padStart(cell)) : c.dim('·'.padStart(cell));
    });
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

  if (report.intents.length > 0) out.push(...intentLines(report, reached, serviceWidth, c), '');

  out.push(c.bold('Ingress') + c.dim(' (published ports Docker binds)'));
  if (report.ingress.length === 0) out.push('  (none)');
  const ingressWidth = Math.max(0, ...report.ingress.map((p) => p.service.length));
  for (const p of report.ingress) {
    const loopback = p.loopback ? c.dim('  this machine only') : '';
    out.push(`  ${pad(p.service, ingressWidth)}  ${bindingText(p)}${loopback}`);
  }
  out.push('');
  if (report.lan) {
    out.push(c.bold('LAN') + c.dim(" (reached at the container's own address from outside the host)"));
    const lanWidth = Math.max(0, ...report.lan.map((l) => l.service.length));
    for (const l of report.lan) {
      const ports = l.ports === 'all' ? 'every port' : `port${l.ports.length > 1 ? 's' : ''} ${l.ports.join(', ')}`;
      const how = l.needsRoute ? `${l.reason}, given a route to it through the host` : l.reason;
      out.push(`  ${pad(l.service, lanWidth)}  ${l.network} ${l.family}: ${ports} ${c.dim(`(${how})`)}`);
    }
    out.push('');
  }

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

const intendedPairs = (report: ReachReport) => new Set(report.intents.map((i) => `${i.from}\0${i.to}`));

/** What each service means to reach: target and port, how it is written, ✕ when it cannot reach it directly. */
function intentLines(report: ReachReport, reached: Map<string, Map<string, string[]>>, width: number, c: Colors): string[] {
  const out = [c.bold('Intended') + c.dim(' (what the configuration means to reach: target:port, where it is written)')];
  const byFrom = new Map<string, Map<string, Set<string>>>();
  for (const i of report.intents) {
    let targets = byFrom.get(i.from);
    if (!targets) byFrom.set(i.from, (targets = new Map()));
    const target = i.port === null ? i.to : `${i.to}:${i.port}`;
    let sources = targets.get(target);
    if (!sources) targets.set(target, (sources = new Set()));
    sources.add(`${i.source} ${i.file}:${i.line}`);
  }
  for (const from of report.services) {
    const targets = byFrom.get(from);
    if (!targets) continue;
    const items = [...targets].map(([target, sources]) => {
      const to = target.replace(/:\d+$/, '');
      const text = `${target} ${c.dim(`(${[...sources].join(', ')})`)}`;
      return reached.get(from)?.has(to) ? text : `${c.red('✕')} ${text}`;
    });
    out.push(`  ${pad(from, width)} → ${items.join(', ')}`);
  }
  return out;
}
