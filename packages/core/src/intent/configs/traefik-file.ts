import { isMap, isSeq, type Node } from '../../source/node.js';
import { getKey, getPath, readStructured, textStart } from './structured.js';
import { endpointAt, type ConfigHost, type ParsedConfig } from './types.js';

/**
 * The servers of Traefik's file provider (https://doc.traefik.io/traefik/routing/services/#servers):
 * `http.services.NAME.loadBalancer.servers[].url`, and `address` (host:port) for `tcp` and `udp`.
 * YAML through core's reader, TOML through smol-toml.
 */
export function traefikFileHosts(path: string, text: string): ParsedConfig {
  const read = readStructured(path, text);
  if (!('tree' in read)) return { hosts: [], problems: [{ kind: 'unreadable', start: read.offset, end: read.offset + 1, detail: read.error }] };
  const hosts: ConfigHost[] = [];
  for (const [protocol, key] of [
    ['http', 'url'],
    ['tcp', 'address'],
    ['udp', 'address'],
  ] as const) {
    const services = getPath(read.tree, [protocol, 'services']);
    if (!isMap(services)) continue;
    for (const { value: service } of services.entries.values()) {
      const servers = getPath(service, ['loadBalancer', 'servers']);
      if (!isSeq(servers)) continue;
      for (const server of servers.items) {
        const value: Node | undefined = getKey(server, key);
        if (value?.kind !== 'scalar' || typeof value.value !== 'string' || !value.loc) continue;
        const found = endpointAt(value.value, textStart(text, value.loc.start), key);
        if (found) hosts.push(found);
      }
    }
  }
  return { hosts, problems: [] };
}
