/**
 * What a user changes by hand on a running project with the docker CLI, made through the Engine
 * API calls the CLI makes for it: `docker network connect|disconnect`, `docker rm -f`,
 * `docker kill`, `docker run -d`. The drift tests change a project this way and then ask
 * composure what differs.
 */
import { EngineError, type DockerApi } from './docker-api.js';
import type { EngineContext } from './context.js';
import { RUN_LABEL } from './stale-runs.js';

const path = (name: string) => encodeURIComponent(name);

/** `docker network connect NETWORK CONTAINER` */
export const connect = (api: DockerApi, network: string, container: string) =>
  api.call('POST', `/networks/${path(network)}/connect`, { Container: container, EndpointConfig: {} });

/** `docker network disconnect NETWORK CONTAINER` */
export const disconnect = (api: DockerApi, network: string, container: string) =>
  api.call('POST', `/networks/${path(network)}/disconnect`, { Container: container });

/** `docker rm -f CONTAINER` */
export const removeForcibly = (api: DockerApi, container: string) => api.call('DELETE', `/containers/${path(container)}?force=true&v=true`);

/** `docker kill CONTAINER` (SIGKILL: it exits with code 137) */
export const kill = (api: DockerApi, container: string) => api.call('POST', `/containers/${path(container)}/kill`);

/**
 * `docker run -d --name NAME [--label K=V]… --network NETWORK IMAGE sleep 3600`, with the probe
 * image. It also carries the run's label, which no user would set, so that a run killed before
 * its cleanup has it removed by the next (stale-runs.ts); composure reads no label but Compose's.
 */
export async function run(ctx: EngineContext, name: string, network: string, labels: Record<string, string> = {}): Promise<void> {
  const body = {
    Image: ctx.image,
    Cmd: ['sleep', '3600'],
    Labels: { ...labels, [RUN_LABEL]: ctx.run },
    HostConfig: { NetworkMode: network },
    NetworkingConfig: { EndpointsConfig: { [network]: {} } },
  };
  await ctx.api.call('POST', `/containers/create?name=${path(name)}`, body);
  await ctx.api.call('POST', `/containers/${path(name)}/start`);
}

/** Removes containers made by hand, whatever state they are in, those already gone too. */
export async function removeAll(api: DockerApi, containers: readonly string[]): Promise<void> {
  await Promise.all(
    containers.map((name) =>
      removeForcibly(api, name).catch((error: unknown) => {
        if (!(error instanceof EngineError && error.status === 404)) throw error;
      }),
    ),
  );
}
