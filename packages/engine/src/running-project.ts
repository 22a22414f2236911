import type { ContainerInspect, ContainerSummary, NetworkResource } from './api.js';
import type { EngineClient } from './client.js';
import { COMPOSE_LABELS } from './compose-labels.js';
import { EngineResponseError } from './errors.js';

/**
 * A Compose project as it runs, read from the engine: its containers (found by Compose's project
 * label, as `docker compose ps` finds them), every network, and the containers of anything else
 * attached to the project's networks. Read in one go, with GET requests only.
 */

export interface RunningContainer {
  id: string;
  /** Without the leading slash. */
  name: string;
  /** Compose's labels, where it has them. */
  project?: string;
  service?: string;
  /** A `docker compose run` container. */
  oneoff: boolean;
  inspect: ContainerInspect;
}

export interface RunningProject {
  name: string;
  /** Where it was read: the engine's address (`unix:///var/run/docker.sock`). */
  engine: string;
  /** The project's containers (one-off ones included, marked), in name order. */
  containers: RunningContainer[];
  /** Every network on the engine, by name. */
  networks: Map<string, NetworkResource>;
  /** Containers of other projects, or of none, attached to one of `networksWatched`, in name order. */
  foreign: RunningContainer[];
  /** The networks whose foreign members were read: the project's by label, and those the caller named. */
  networksWatched: Set<string>;
}

/** Containers inspected at once: enough to overlap round trips, few enough for a busy engine. */
const CONCURRENCY = 8;

async function inspectAll(client: EngineClient, ids: string[]): Promise<ContainerInspect[]> {
  const results: (ContainerInspect | undefined)[] = new Array(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      try {
        results[i] = await client.get<ContainerInspect>(`/containers/${encodeURIComponent(ids[i])}/json`);
      } catch (error) {
        // Removed between the list and the inspection: it is not there any more.
        if (!(error instanceof EngineResponseError && error.status === 404)) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  return results.filter((r): r is ContainerInspect => r !== undefined);
}

function runningContainer(inspect: ContainerInspect): RunningContainer {
  const labels = inspect.Config.Labels ?? {};
  return {
    id: inspect.Id,
    name: inspect.Name.replace(/^\//, ''),
    project: labels[COMPOSE_LABELS.project],
    service: labels[COMPOSE_LABELS.service],
    oneoff: (labels[COMPOSE_LABELS.oneoff] ?? '').toLowerCase() === 'true',
    inspect,
  };
}

const byName = (a: RunningContainer, b: RunningContainer) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Reads project `name` from the engine. `networks`: Docker names of more networks whose other
 * members count as foreign (the project's declared networks, which may predate their labels).
 */
export async function readRunningProject(client: EngineClient, name: string, networks: Iterable<string> = []): Promise<RunningProject> {
  const [summaries, networkList] = await Promise.all([
    client.get<ContainerSummary[]>('/containers/json', { all: '1' }),
    client.get<NetworkResource[]>('/networks'),
  ]);
  const byNetworkName = new Map(networkList.map((n) => [n.Name, n]));
  const watched = new Set([...networkList.filter((n) => n.Labels?.[COMPOSE_LABELS.project] === name).map((n) => n.Name), ...networks]);
  const watchedIds = new Set([...watched].map((n) => byNetworkName.get(n)?.Id).filter((id): id is string => id !== undefined));
  const ours = (c: ContainerSummary) => c.Labels?.[COMPOSE_LABELS.project] === name;
  const onWatched = (c: ContainerSummary) =>
    Object.entries(c.NetworkSettings?.Networks ?? {}).some(([network, endpoint]) => watched.has(network) || watchedIds.has(endpoint.NetworkID));
  const projectIds = summaries.filter(ours).map((c) => c.Id);
  const foreignIds = summaries.filter((c) => !ours(c) && onWatched(c)).map((c) => c.Id);
  const [containers, foreign] = await Promise.all([inspectAll(client, projectIds), inspectAll(client, foreignIds)]);
  return {
    name,
    engine: client.endpoint.address,
    containers: containers.map(runningContainer).sort(byName),
    networks: byNetworkName,
    foreign: foreign.map(runningContainer).sort(byName),
    networksWatched: watched,
  };
}
