/**
 * Hovers: on a service, its networks, whom it reaches and who reaches it, its ingress and
 * egress; on a network, its members, subnet, whether it is internal and the policies that
 * mention it; on a rule id in a `# composure-…` directive, the rule's description.
 * Never an environment value: only names, networks and published ports are shown.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import {
  get,
  ipamConfigs,
  isSeq,
  str,
  topologyOf,
  type Analysis,
  type SeqNode,
  type LocatedPolicy,
  type PolicyEdge,
  type SourceFile,
  type Topology,
} from '@composure/core';
import { portLabel } from '@composure/graph';
import { rulesById } from '@composure/rules';
import { code, offsetAt, rangeOf } from '../convert.js';
import { basename } from 'node:path';
import { occurrenceAt, PROJECT_SCOPE, projectIndex, type NameKind } from './names.js';
import { keyDocumentation, schemaKey } from './schema-completion.js';
import { KEY_LINE, unquote, yamlContextAt } from './yaml-context.js';
import { reachOf } from '../topology-facts.js';

const DIRECTIVE = /#\s*composure-(?:disable-next-line|disable-line|disable-file|disable|enable)\b/;
/** At most this many names in one list of a hover; the rest are counted. */
export const MAX_LISTED = 20;

export function listed(names: readonly string[], empty = 'none'): string {
  if (names.length === 0) return empty;
  const shown = names.slice(0, MAX_LISTED).map(code).join(', ');
  return names.length > MAX_LISTED ? `${shown} and ${names.length - MAX_LISTED} more` : shown;
}

/** The rule id under the cursor in a directive comment, with its offsets. */
export function directiveRuleAt(file: SourceFile, offset: number): { id: string; start: number; end: number } | undefined {
  const line = file.position(offset).line;
  const lineStart = file.lineStart(line);
  const lineEnd = line < file.lineCount ? file.lineStart(line + 1) : file.text.length;
  const text = file.text.slice(lineStart, lineEnd).replace(/\r?\n$|\r$/, '');
  const match = DIRECTIVE.exec(text);
  if (!match) return undefined;
  const listStart = match.index + match[0].length;
  const reasonAt = text.indexOf(' -- ', listStart);
  const listEnd = reasonAt < 0 ? text.length : reasonAt;
  const column = offset - lineStart;
  if (column < listStart || column > listEnd) return undefined;
  for (const word of text.slice(0, listEnd).matchAll(/[a-z0-9][a-z0-9-]*/g)) {
    const start = word.index;
    if (start < listStart) continue;
    if (start <= column && column <= start + word[0].length) return { id: word[0], start: lineStart + start, end: lineStart + start + word[0].length };
  }
  return undefined;
}

function serviceHover(analysis: Analysis, topology: Topology, name: string): string {
  const service = topology.services.get(name);
  if (!service) {
    const disabled = analysis.project.disabledServices.has(name);
    return `**${code(name)}** service\n\n${disabled ? 'Not started with the active profiles.' : 'Not a service of this project.'}`;
  }
  const { reaches, reachedBy } = reachOf(topology, name);
  const lines = [`**${code(name)}** service`, ''];
  switch (service.mode) {
    case 'host':
      lines.push("- network mode: host (the host's own network stack)");
      break;
    case 'none':
      lines.push('- network mode: none (no network)');
      break;
    case 'container':
      lines.push('- network mode: a namespace outside the project');
      break;
    case 'bridge':
      lines.push("- network mode: bridge (Docker's default bridge: reached by IP address, no names)");
      break;
    case 'network':
      lines.push(`- network mode: the network ${code(service.networks[0])} (no alias: its service name does not resolve there)`);
      break;
    default:
      if (service.namespaceOf) lines.push(`- shares the network namespace of ${code(service.namespaceOf)}`);
  }
  lines.push(`- networks: ${listed([...service.networks].sort())}`);
  lines.push(`- reaches (${reaches.length}): ${listed(reaches)}`);
  lines.push(`- reached by (${reachedBy.length}): ${listed(reachedBy)}`);
  const ingress = service.ingress.map((p) => `${code(portLabel(p))}${p.loopback ? ' (this host only)' : ''}`);
  lines.push(`- ingress: ${ingress.length > 0 ? ingress.join(', ') : 'none (no published port Docker binds)'}`);
  lines.push(`- egress: ${service.egress ? 'yes (can open connections to the internet)' : 'no (internal networks only, or no network)'}`);
  return lines.join('\n');
}

const selectors = (s: string | string[]) => (Array.isArray(s) ? s : [s]);

function policyText(policy: LocatedPolicy['policy']): string {
  const edge = (e: PolicyEdge) => `${selectors(e.from).join(', ')} → ${selectors(e.to).join(', ')}${e.transitive ? ' (transitive)' : ''}`;
  if ('deny' in policy) return `deny ${edge(policy.deny)}`;
  return `default deny, allow ${policy.allow.map(edge).join('; ')}`;
}

function policyMentions(policy: LocatedPolicy['policy'], names: readonly string[]): boolean {
  const edges = 'deny' in policy ? [policy.deny] : (policy.allow ?? []);
  return edges.some((e) => [...selectors(e.from), ...selectors(e.to)].some((s) => names.some((n) => s === `network:${n}`)));
}

function networkHover(analysis: Analysis, topology: Topology, key: string): string {
  const network = topology.networks.get(key);
  if (!network) return `**${code(key)}** network\n\nNot declared in this project.`;
  const subnets = ipamConfigs(network.node)
    .map((c) => c.subnet?.value)
    .filter((s): s is string => typeof s === 'string');
  const policies = analysis.config.policies.filter((p) => policyMentions(p.policy, [network.key, network.name]));
  const lines = [`**${code(key)}** network${network.name !== key ? ` (Docker name ${code(network.name)})` : ''}`, ''];
  lines.push(`- members (${network.members.length}): ${listed([...network.members].sort())}`);
  lines.push(`- subnet: ${subnets.length > 0 ? subnets.map(code).join(', ') : 'assigned by Docker'}`);
  lines.push(`- internal: ${network.internal ? 'yes (no egress)' : 'no'}`);
  if (network.external) lines.push('- external: yes (created outside the project)');
  if (network.driver !== 'bridge') lines.push(`- driver: ${code(network.driver)}`);
  if (!network.icc) lines.push('- inter-container traffic off: members cannot reach each other');
  lines.push(`- policies: ${policies.length > 0 ? policies.map((p) => code(policyText(p.policy))).join('; ') : 'none mention it'}`);
  return lines.join('\n');
}

/** A volume, config or secret: whether the project declares it, and the services that mount it. */
function mountedHover(analysis: Analysis, kind: Exclude<NameKind, 'service' | 'network'>, name: string): string {
  const section = `${kind}s`;
  const declared = get(get(analysis.project.root, section), name) !== undefined;
  const users: string[] = [];
  const services = get(analysis.project.root, 'services');
  if (services?.kind === 'map') {
    for (const [service, pair] of services.entries) {
      const mounts = get(pair.value, section);
      // The model is in canonical long syntax: each mount is a mapping with a `source`.
      const uses = isSeq(mounts) && mounts.items.some((m) => str(get(m, 'source')) === name && (kind !== 'volume' || str(get(m, 'type')) === 'volume'));
      const builds =
        kind === 'secret' &&
        isSeq(get(get(pair.value, 'build'), 'secrets')) &&
        (get(get(pair.value, 'build'), 'secrets') as SeqNode).items.some((m) => str(get(m, 'source')) === name);
      if (uses || builds) users.push(service);
    }
  }
  const lines = [`**${code(name)}** ${kind}`, ''];
  if (!declared) lines.push(`- not declared under top-level \`${section}\``);
  lines.push(`- used by (${users.length}): ${listed(users.sort())}`);
  return lines.join('\n');
}

/** The schema's documentation of the key under the cursor, or of the key whose value it is in. */
function schemaHover(file: SourceFile, offset: number): Hover | null {
  const lineStart = file.text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = file.text.indexOf('\n', offset) < 0 ? file.text.length : file.text.indexOf('\n', offset);
  const line = file.text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const content = /^( *)(- +)?/.exec(line)![0].length;
  const match = KEY_LINE.exec(line.slice(content).replace(/\s+#.*$/, ''));
  if (!match) return null;
  const key = unquote(match[1]);
  const keyStart = lineStart + content;
  const keyEnd = keyStart + match[1].length;
  const context = yamlContextAt(file.text, keyStart);
  if (context.path.some((segment) => segment.startsWith('x-'))) return null;
  const found = schemaKey(context.schemaPath, key);
  if (!found) return null;
  const valueText = match[2] === undefined ? undefined : unquote(match[2].trim());
  const valueStart = match[2] === undefined ? -1 : lineStart + line.indexOf(match[2], content + match[1].length);
  if (offset > keyEnd + 1 && valueText !== undefined && valueStart >= 0) {
    // On the value: what the key takes, and whether the value is one it enumerates.
    const known = found.values.includes(valueText) ? `${code(valueText)}: one of the values of ${code(key)}` : `the value of ${code(key)}`;
    return {
      contents: { kind: MarkupKind.Markdown, value: `${known}\n\n${keyDocumentation(found)}` },
      range: rangeOf(file, valueStart, valueStart + match[2]!.trim().length),
    };
  }
  return { contents: { kind: MarkupKind.Markdown, value: `**${code(key)}**\n\n${keyDocumentation(found)}` }, range: rangeOf(file, keyStart, keyEnd) };
}

/** The hover at a position of a file; `analysis` undefined when the project cannot be loaded. */
export function hover(file: SourceFile, position: Position, analysis: Analysis | undefined): Hover | null {
  const offset = offsetAt(file, position);
  const directive = directiveRuleAt(file, offset);
  if (directive) {
    const rule = rulesById.get(directive.id);
    if (!rule) return null;
    return {
      contents: {
        kind: MarkupKind.Markdown,
        value: `**${code(rule.meta.id)}** (${rule.meta.severity}${rule.meta.fixable ? ', fixable' : ''})\n\n${rule.meta.description}\n\n[Documentation](${rule.meta.docsUrl})`,
      },
      range: rangeOf(file, directive.start, directive.end),
    };
  }
  const occurrence = analysis && occurrenceAt(projectIndex(analysis), file.path, offset);
  if (!analysis || !occurrence) return file.path.endsWith('.env') || basename(file.path).startsWith('.composure.') ? null : schemaHover(file, offset);
  const topology = topologyOf(analysis.project, analysis.config.engine);
  const value =
    occurrence.kind === 'service'
      ? occurrence.scope === PROJECT_SCOPE
        ? serviceHover(analysis, topology, occurrence.name)
        : `**${code(occurrence.name)}** service of ${code(occurrence.scope)}, which \`extends\` reads`
      : occurrence.kind === 'network'
        ? networkHover(analysis, topology, occurrence.name)
        : mountedHover(analysis, occurrence.kind, occurrence.name);
  return { contents: { kind: MarkupKind.Markdown, value }, range: rangeOf(file, occurrence.start, occurrence.end) };
}
