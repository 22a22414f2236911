import { get, isMap, isScalar, isSeq, placeKey, str, type MapNode, type Node } from '../source/node.js';

/**
 * Port entries as the user wrote them. The canonical model expands a short spec such as
 * `"8000-8001:80-81"` into one long-syntax mapping per container port, each located at the
 * string it came from; a written entry is the group of canonical mappings sharing that place.
 */
export interface WrittenPort {
  /** Where to report: the `published` value, else the `target` value, else the entry itself (for short syntax all three are the written string). */
  at: Node;
  /** The canonical long-syntax mappings made from this entry, in order. */
  entries: MapNode[];
}

/** The most specific located node of a canonical port mapping. */
function placeOf(port: MapNode): Node {
  for (const key of ['published', 'target']) {
    const node = get(port, key);
    if (node?.loc) return node;
  }
  return port;
}

/** The service's `ports`, grouped by written entry. Items that are not mappings (invalid specs the schema reports) are left out. */
export function writtenPorts(ports: Node | undefined): WrittenPort[] {
  if (!isSeq(ports)) return [];
  const groups: WrittenPort[] = [];
  const byPlace = new Map<string, WrittenPort>();
  for (const item of ports.items) {
    if (!isMap(item)) continue;
    const key = item.loc ? placeKey(item.loc) : undefined;
    const known = key === undefined ? undefined : byPlace.get(key);
    if (known) {
      known.entries.push(item);
      continue;
    }
    const group: WrittenPort = { at: placeOf(item), entries: [item] };
    groups.push(group);
    if (key !== undefined) byPlace.set(key, group);
  }
  return groups;
}

/** An IPv6 address as a host-IP value shows it (`[::1]`); brackets as written are kept once. */
export function bracketed(ip: string): string {
  return ip.includes(':') && !ip.startsWith('[') ? `[${ip}]` : ip;
}

/** `first-last` of a list of port texts (`8000`, `8001` → `8000-8001`), or the one text. */
function span(texts: string[]): string {
  if (texts.length <= 1) return texts[0] ?? '';
  const first = texts[0].split('-')[0];
  const last = texts[texts.length - 1].split('-').pop()!;
  return first === last ? first : `${first}-${last}`;
}

/** A written port in short syntax: `[host_ip:][published:]target[/protocol]`. */
export function describePort(port: WrittenPort): string {
  const first = port.entries[0];
  const hostIp = str(get(first, 'host_ip'));
  const protocol = str(get(first, 'protocol')) ?? 'tcp';
  const targets = port.entries
    .map((e) => get(e, 'target'))
    .filter(isScalar)
    .map((t) => String(t.value));
  const published = port.entries.map((e) => str(get(e, 'published'))).filter((p): p is string => p !== undefined && p !== '');
  const parts = [hostIp ? bracketed(hostIp) : undefined, published.length > 0 ? span(published) : undefined, span(targets)].filter(
    (p) => p !== undefined && p !== '',
  );
  return parts.join(':') + (protocol === 'tcp' ? '' : `/${protocol}`);
}
