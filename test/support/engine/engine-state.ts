/**
 * A project's containers as the engine reports them once they are up: whose network namespace
 * each one lives in (its own, another container's for `container:` modes, the host's), and the
 * addresses each namespace has.
 */
import type { DockerApi } from './docker-api.js';

export interface Inspected {
  Id: string;
  HostConfig: { NetworkMode: string };
  NetworkSettings: {
    Networks: Record<string, { IPAddress: string; GlobalIPv6Address?: string; Gateway: string }> | null;
    Ports: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
  };
}

/** A network namespace: `host`, or the id of the container that owns it. */
export type Namespace = 'host' | string;

export interface EngineState {
  /** Each service's first container. */
  containers: Map<string, Inspected>;
  namespaceOf(service: string): Namespace;
  /** The container owning a namespace (none for the host's). */
  ownerOf(namespace: Namespace): Inspected | undefined;
  /** The endpoints of a service's namespace, by network name. */
  endpointsOf(service: string): [string, { IPAddress: string; GlobalIPv6Address?: string; Gateway: string }][];
}

export async function inspectProject(api: DockerApi, containers: Map<string, string>): Promise<EngineState> {
  const inspected = new Map<string, Inspected>();
  await Promise.all([...containers].map(async ([service, id]) => inspected.set(service, await api.call<Inspected>('GET', `/containers/${id}/json`))));
  const byId = new Map([...inspected.values()].map((c) => [c.Id, c]));
  const namespaceOf = (container: Inspected): Namespace => {
    let current = container;
    for (let hops = 0; hops < 10; hops++) {
      const mode = current.HostConfig.NetworkMode;
      if (mode === 'host') return 'host';
      const owner = /^container:(.+)$/.exec(mode)?.[1];
      const next = owner && [...byId.values()].find((c) => c.Id.startsWith(owner));
      if (!next) return current.Id;
      current = next;
    }
    return current.Id;
  };
  const namespaces = new Map([...inspected].map(([service, c]) => [service, namespaceOf(c)]));
  const ownerOf = (namespace: Namespace) => byId.get(namespace);
  return {
    containers: inspected,
    namespaceOf: (service) => namespaces.get(service)!,
    ownerOf,
    endpointsOf: (service) => Object.entries(ownerOf(namespaces.get(service)!)?.NetworkSettings.Networks ?? {}),
  };
}
