/**
 * Who reaches whom, and who reaches the outside: from each service's container, a connection to
 * every port every other service listens on, at every address it has there (its addresses on
 * each network; the loopback inside one namespace; for a `network_mode: host` target, the host as
 * the source's networks' gateways reach it), and one to the outside namespace (outside.ts).
 */
import type { DockerApi } from './docker-api.js';
import type { EngineState } from './engine-state.js';
import { listenerPorts, tokenOf } from './listeners.js';
import type { ProjectSpec } from './model.js';
import type { Outside } from './outside.js';
import { probeScript, reachedKeys, reachedTwice, type ProbeTarget } from './probe-script.js';
import { reachLine } from './view.js';

const EGRESS = '(egress)';

export async function observeReach(api: DockerApi, spec: ProjectSpec, state: EngineState, outside: Outside): Promise<{ reach: string[]; egress: string[] }> {
  const addressesFrom = (from: string, to: string): string[] => {
    const [a, b] = [state.namespaceOf(from), state.namespaceOf(to)];
    if (a === b) return ['127.0.0.1'];
    if (b === 'host')
      return state
        .endpointsOf(from)
        .map(([, e]) => e.Gateway)
        .filter(Boolean);
    return state
      .endpointsOf(to)
      .map(([, e]) => e.IPAddress)
      .filter(Boolean);
  };
  const reach: string[] = [];
  const egress: string[] = [];
  const services = [...state.containers.keys()];
  await Promise.all(
    services.map(async (from) => {
      const targets: ProbeTarget[] = [{ key: EGRESS, address: outside.address, port: outside.port, token: outside.token }];
      for (const to of services) {
        if (to === from) continue;
        for (const port of listenerPorts(spec.services[to]))
          for (const address of addressesFrom(from, to)) targets.push({ key: reachLine(from, to, port), address, port, token: tokenOf(spec.name, to, port) });
      }
      const id = state.containers.get(from)!.Id;
      const fromContainer = async (list: readonly ProbeTarget[]) => reachedKeys(list, await api.exec(id, ['sh', '-c', probeScript(list)]));
      for (const key of await reachedTwice(fromContainer, targets)) (key === EGRESS ? egress : reach).push(key === EGRESS ? from : key);
    }),
  );
  return { reach, egress };
}
