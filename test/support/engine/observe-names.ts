/**
 * Which names resolve to whom: from each service's container, every name of the project looked
 * up with busybox's nslookup through the container's own resolver (Docker's embedded DNS on a
 * user-defined network), the addresses answered mapped back to the services whose namespace has
 * them.
 */
import type { DockerApi } from './docker-api.js';
import type { EngineState } from './engine-state.js';
import { nameLine } from './view.js';

/** Seconds a lookup may take: a name Docker's DNS does not know goes to the host's resolvers, which may not answer. */
const LOOKUP_TIMEOUT = 2;

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function lookupScript(names: readonly string[]): string {
  return [
    // The addresses after a `Name:` line (the first `Address:` is the server's).
    `l() { a=$(timeout ${LOOKUP_TIMEOUT} nslookup "$2" 2>/dev/null | awk '/^Name:/{n=1} n && /^Address:/{print $2}' | tr '\\n' ' '); echo "resolved $1 $a"; }`,
    ...names.map((name, i) => `l ${i} ${quote(name)} &`),
    'wait',
  ].join('\n');
}

export async function observeNames(api: DockerApi, project: string, state: EngineState, names: Map<string, string[]>): Promise<string[]> {
  // An address answers for the service owning the namespace (a `service:` sharer has no endpoint of its own).
  const serviceAt = new Map<string, string>();
  for (const [service, container] of state.containers) {
    if (state.namespaceOf(service) !== container.Id) continue;
    for (const [, endpoint] of state.endpointsOf(service))
      for (const address of [endpoint.IPAddress, endpoint.GlobalIPv6Address]) if (address) serviceAt.set(address, service);
  }
  const lines: string[] = [];
  await Promise.all(
    [...names].map(async ([from, list]) => {
      if (list.length === 0) return;
      const output = await api.exec(state.containers.get(from)!.Id, ['sh', '-c', lookupScript(list)]);
      for (const match of output.matchAll(/^resolved (\d+) ?(.*?)\s*$/gm))
        for (const address of match[2].split(' ').filter(Boolean)) {
          const to = serviceAt.get(address);
          if (to && to !== from) lines.push(nameLine(project, from, list[Number(match[1])], to));
        }
    }),
  );
  return lines;
}
