import type { Project } from '../model/project.js';
import { get, isSeq, str, type Loc } from '../source/node.js';
import { splitLink, type HostResolution, type HostResolver } from '../topology/host-references.js';
import { spanOf } from './locate.js';
import type { IntentReference, IntentSource } from './types.js';

/** What a source found: a host a service names, where, and what names it. */
export interface FoundHost {
  from: string;
  host: string;
  port?: number;
  source: IntentSource;
  loc: Loc;
  via?: string;
  /**
   * The host is a service name the proxy reaches by its addresses, not through DNS (Traefik's and
   * caddy-docker-proxy's labels): resolved as `links` and `depends_on` are, by service name.
   */
  byName?: boolean;
}

/**
 * The service a resolution names: the one answering on a network the two share when there is
 * one, else the first that answers anywhere; a `links` alias leads to its target. None for a name
 * given by `extra_hosts` or an external link, a disabled or unknown name, an opaque namespace.
 */
function targetOf(project: Project, found: FoundHost, resolution: HostResolution): string | undefined {
  if (resolution.kind === 'self') return found.from;
  if (resolution.kind === 'service') {
    const shared = resolution.providers.find((p) => p.networks.some((n) => resolution.shared.includes(n)));
    return (shared ?? resolution.providers[0]).service;
  }
  if (resolution.kind === 'local' && resolution.local === 'links') return linkTarget(project, found.from, found.host);
  return undefined;
}

/** The target service of the `links` entry of `service` that gives `name` (as target or alias). */
function linkTarget(project: Project, service: string, name: string): string | undefined {
  const key = name.toLowerCase();
  const list = get(get(get(project.root, 'services'), service), 'links');
  if (!isSeq(list)) return undefined;
  for (const item of list.items) {
    const text = str(item);
    if (text === undefined) continue;
    const { target, alias } = splitLink(text);
    if (target.toLowerCase() === key || alias?.toLowerCase() === key) return target;
  }
  return undefined;
}

/** A found host, resolved for the service that names it and located in its file. */
export function resolveFound(project: Project, resolver: HostResolver, found: FoundHost): IntentReference {
  const resolution =
    found.byName || found.source === 'link' || found.source === 'depends_on'
      ? resolver.resolveLink(found.from, found.host)
      : resolver.resolve(found.from, found.host);
  const target = targetOf(project, found, resolution);
  const { line, column, endLine, endColumn } = spanOf(project, found.loc);
  // Built key by key in the order the reach JSON shows (spreads of optional parts cost more than the rest of this function).
  const reference: IntentReference = { from: found.from, host: found.host } as IntentReference;
  if (found.port !== undefined) reference.port = found.port;
  reference.source = found.source;
  reference.file = found.loc.file;
  reference.line = line;
  reference.column = column;
  reference.endLine = endLine;
  reference.endColumn = endColumn;
  if (target !== undefined) reference.target = target;
  reference.resolution = resolution;
  reference.loc = found.loc;
  if (found.via !== undefined) reference.via = found.via;
  return reference;
}
