/**
 * Projects probed at once must not bind the same host port: the second would be refused for a
 * reason that is the suite's, not the project's. A project holds its fixed published ports and
 * the ports its `network_mode: host` services listen on while it is up; another that needs one of
 * them waits.
 */
import { listenerPorts } from './listeners.js';
import type { ProjectSpec } from './model.js';

const held = new Map<number, Promise<void>>();

/** The host ports a project binds: fixed published ports (every port of a range) and host-mode listeners. */
export function hostPortsOf(spec: ProjectSpec): number[] {
  const ports = new Set<number>();
  for (const service of Object.values(spec.services)) {
    if (service.network_mode === 'host') for (const port of listenerPorts(service)) ports.add(port);
    for (const port of service.ports ?? []) {
      const [first, last = first] = (port.published ?? '').split('-').map(Number);
      for (let p = first; p <= last; p++) if (p > 0) ports.add(p);
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** Runs `work` holding every port (taken in ascending order, so that two projects never wait on each other). */
export async function withHostPorts<T>(ports: number[], work: () => Promise<T>): Promise<T> {
  const releases: (() => void)[] = [];
  try {
    for (const port of ports) {
      while (held.has(port)) await held.get(port);
      held.set(port, new Promise<void>((resolve) => releases.push(() => (held.delete(port), resolve()))));
    }
    return await work();
  } finally {
    for (const release of releases) release();
  }
}
