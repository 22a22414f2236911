/**
 * Brings a project up on the engine the way Docker Compose v2 does (there is no Compose v2 here),
 * from composure's loaded model: the project's networks with their driver, options, `internal`,
 * IPAM and labels; each service's container created on its first network (by `priority`, then
 * key) with its aliases (container name, service name, `aliases`) and static addresses, attached
 * to the others before it starts; `network_mode` as written (`service:X` as X's container);
 * published ports as written, ephemeral ones too. Every container runs the probe listeners
 * (listeners.ts) instead of its image. What Compose refuses itself (compose-checks.ts), or the
 * first error the engine returns, is the project's refusal, and nothing after it is created, as
 * Compose stops.
 */
import { composeRefusal } from './compose-checks.js';
import { EngineError, type DockerApi } from './docker-api.js';
import { changingFirewall } from './firewall-lock.js';
import { listenerCommand, listenerPorts } from './listeners.js';
import { containerName, networksByPriority, replicasOf, type NetworkSpec, type ProjectSpec, type ServiceSpec } from './model.js';
import { RUN_LABEL } from './stale-runs.js';

export interface UpContext {
  api: DockerApi;
  /** The probe image (probe-image.ts). */
  image: string;
  /** The run's name, set as RUN_LABEL on everything created. */
  run: string;
}

export interface Deployment {
  /** The first container (replica 1) of each service, by service, as created. */
  containers: Map<string, string>;
  /** The engine's error when it refused the project. */
  refusal?: string;
}

/** How long a container's listeners may take to come up. */
const READY_TIMEOUT_S = 20;

const stringValues = (map: Record<string, unknown> | undefined) => (map ? Object.fromEntries(Object.entries(map).map(([k, v]) => [k, String(v)])) : undefined);

function networkCreateBody(project: string, key: string, network: NetworkSpec, run: string) {
  const ipam = network.ipam;
  return {
    Name: network.name,
    CheckDuplicate: true,
    Driver: network.driver,
    Options: stringValues(network.driver_opts),
    Internal: network.internal ?? false,
    Attachable: network.attachable ?? false,
    EnableIPv6: network.enable_ipv6 ?? false,
    Labels: { ...network.labels, 'com.docker.compose.network': key, 'com.docker.compose.project': project, [RUN_LABEL]: run },
    IPAM: ipam && {
      Driver: ipam.driver ?? 'default',
      Options: ipam.options,
      Config: (ipam.config ?? []).map((c) => ({ Subnet: c.subnet, IPRange: c.ip_range, Gateway: c.gateway, AuxiliaryAddresses: c.aux_addresses })),
    },
  };
}

/** The Docker name of a service's network key: declared, or what Compose would have named it. */
const networkName = (spec: ProjectSpec, key: string) => spec.networks[key]?.name ?? `${spec.name}_${key}`;

function endpointOf(spec: ProjectSpec, serviceName: string, service: ServiceSpec, key: string, container: string) {
  const attachment = service.networks?.[key] ?? undefined;
  return {
    Aliases: [container, serviceName, ...(attachment?.aliases ?? [])],
    IPAMConfig: attachment && { IPv4Address: attachment.ipv4_address, IPv6Address: attachment.ipv6_address, LinkLocalIPs: attachment.link_local_ips },
  };
}

function sysctlsOf(service: ServiceSpec): Record<string, string> | undefined {
  const sysctls = service.sysctls;
  if (!Array.isArray(sysctls)) return stringValues(sysctls);
  return Object.fromEntries(sysctls.map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)]));
}

function portBindings(service: ServiceSpec) {
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const port of service.ports ?? [])
    (bindings[`${port.target}/${port.protocol}`] ??= []).push({ HostIp: port.host_ip ?? '', HostPort: port.published ?? '' });
  return bindings;
}

function exposedPorts(service: ServiceSpec) {
  const exposed: Record<string, object> = {};
  for (const text of service.expose ?? []) exposed[String(text).includes('/') ? String(text) : `${text}/tcp`] = {};
  for (const port of service.ports ?? []) exposed[`${port.target}/${port.protocol}`] = {};
  return exposed;
}

/**
 * Services in waves that Compose may create at once: those with a namespace of their own first,
 * then each `service:X` after X; by name within a wave.
 */
function creationWaves(spec: ProjectSpec): string[][] {
  const depth = (name: string, seen: string[] = []): number => {
    const owner = /^service:(.+)$/.exec(spec.services[name]?.network_mode ?? '')?.[1];
    return owner && spec.services[owner] && !seen.includes(owner) ? depth(owner, [...seen, name]) + 1 : 0;
  };
  const waves: string[][] = [];
  for (const name of Object.keys(spec.services).sort()) (waves[depth(name)] ??= []).push(name);
  return waves.filter(Boolean);
}

/**
 * Compose's createNetwork (docker/compose pkg/compose/create.go, at its HEAD of August 2026): a
 * name another key's network already took is a conflict Compose takes as success ("A concurrent
 * `docker compose up|run` may have created the same network"), so two keys with one `name:` are
 * one Docker network, made with the first key's settings and labels. A current engine always
 * refuses a duplicate name (409); Engine 20.10 does when asked to check (403, "already exists").
 */
async function createNetwork(spec: ProjectSpec, key: string, network: NetworkSpec, ctx: UpContext): Promise<void> {
  try {
    await ctx.api.call('POST', '/networks/create', networkCreateBody(spec.name, key, network, ctx.run));
  } catch (error) {
    if (!(error instanceof EngineError && (error.status === 409 || /already exists/.test(error.message)))) throw error;
  }
}

/** The networks Compose creates: those a service attaches to, by key (compose-go's WithoutUnnecessaryResources drops the others). */
export function networksToCreate(spec: ProjectSpec): string[] {
  const used = new Set(Object.values(spec.services).flatMap((service) => Object.keys(service.networks ?? {})));
  return Object.keys(spec.networks)
    .filter((key) => used.has(key) && !spec.networks[key].external)
    .sort();
}

/** Creates the networks a project declares as `external` (the user made them before `up`). */
export async function createExternalNetworks(spec: ProjectSpec, ctx: UpContext): Promise<void> {
  const external = Object.values(spec.networks).filter((n) => n.external);
  if (external.length === 0) return;
  await changingFirewall(async () => {
    for (const network of external)
      await ctx.api.call('POST', '/networks/create', { Name: network.name, CheckDuplicate: true, Labels: { [RUN_LABEL]: ctx.run } });
  });
}

export async function composeUp(spec: ProjectSpec, ctx: UpContext): Promise<Deployment> {
  const { api } = ctx;
  const containers = new Map<string, string>();
  const refusal = composeRefusal(spec);
  if (refusal) return { containers, refusal };
  try {
    // The project's networks in one go: no other project probes meanwhile (firewall-lock.ts).
    await changingFirewall(async () => {
      for (const key of networksToCreate(spec)) await createNetwork(spec, key, spec.networks[key], ctx);
    });
    for (const wave of creationWaves(spec)) {
      // Every creation of a wave is let finish, so that nothing is made after composeDown looked; the first failure (by name) is the refusal.
      const results = await Promise.allSettled(wave.map((name) => createReplicas(spec, name, containers, ctx)));
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
    await waitForListeners(api, [...containers.values()]);
    return { containers };
  } catch (error) {
    if (error instanceof EngineError) return { containers, refusal: error.message };
    throw error;
  }
}

async function createReplicas(spec: ProjectSpec, serviceName: string, containers: Map<string, string>, ctx: UpContext): Promise<void> {
  const service = spec.services[serviceName];
  for (let n = 1; n <= replicasOf(service); n++) {
    const id = await createContainer(spec, serviceName, service, n, containers, ctx);
    if (n === 1) containers.set(serviceName, id);
  }
}

async function createContainer(spec: ProjectSpec, serviceName: string, service: ServiceSpec, n: number, created: Map<string, string>, ctx: UpContext) {
  const name = containerName(spec.name, serviceName, service, n);
  const keys = networksByPriority(service);
  let networkMode = service.network_mode;
  const owner = /^service:(.+)$/.exec(networkMode ?? '')?.[1];
  if (owner) networkMode = `container:${created.get(owner) ?? containerName(spec.name, owner, spec.services[owner] ?? {}, 1)}`;
  // Compose: no network_mode and no network in the project at all means `none`.
  if (networkMode === undefined && keys.length === 0) networkMode = 'none';
  const primary = networkMode === undefined ? keys[0] : undefined;
  const body = {
    Image: ctx.image,
    Cmd: listenerCommand(spec.name, serviceName, listenerPorts(service)),
    Hostname: service.hostname,
    Domainname: service.domainname,
    MacAddress: service.mac_address ?? (primary ? (service.networks?.[primary]?.mac_address ?? undefined) : undefined),
    ExposedPorts: exposedPorts(service),
    Labels: {
      ...service.labels,
      'com.docker.compose.project': spec.name,
      'com.docker.compose.service': serviceName,
      'com.docker.compose.container-number': String(n),
      'com.docker.compose.oneoff': 'False',
      [RUN_LABEL]: ctx.run,
    },
    HostConfig: { NetworkMode: networkMode ?? networkName(spec, primary!), PortBindings: portBindings(service), Sysctls: sysctlsOf(service) },
    NetworkingConfig: primary && { EndpointsConfig: { [networkName(spec, primary)]: endpointOf(spec, serviceName, service, primary, name) } },
  };
  const { Id } = await ctx.api.call<{ Id: string }>('POST', `/containers/create?name=${encodeURIComponent(name)}`, body);
  if (primary)
    for (const key of keys.slice(1))
      await ctx.api.call('POST', `/networks/${encodeURIComponent(networkName(spec, key))}/connect`, {
        Container: Id,
        EndpointConfig: endpointOf(spec, serviceName, service, key, name),
      });
  await ctx.api.call('POST', `/containers/${Id}/start`);
  return Id;
}

async function waitForListeners(api: DockerApi, ids: string[]): Promise<void> {
  const wait = `i=0; until [ -e /ready ]; do i=$((i+1)); [ $i -gt ${READY_TIMEOUT_S * 20} ] && echo not-ready && exit 1; sleep 0.05; done`;
  await Promise.all(
    ids.map(async (id) => {
      const output = await api.exec(id, ['sh', '-c', wait]);
      if (output.includes('not-ready')) throw new Error(`the listeners of container ${id.slice(0, 12)} did not come up within ${READY_TIMEOUT_S} s`);
    }),
  );
}

/** A 404: the object is already gone (or was never made, when the project was refused first). */
const ignoreMissing = (error: unknown) => {
  if (!(error instanceof EngineError && error.status === 404)) throw error;
};

/** Removes everything the project made: its containers and networks (by Compose's project label), and its external networks. */
export async function composeDown(spec: ProjectSpec, ctx: UpContext): Promise<void> {
  const filter = encodeURIComponent(JSON.stringify({ label: [`com.docker.compose.project=${spec.name}`, `${RUN_LABEL}=${ctx.run}`] }));
  const containers = await ctx.api.call<{ Id: string }[]>('GET', `/containers/json?all=true&filters=${filter}`);
  await Promise.all(containers.map((c) => ctx.api.call('DELETE', `/containers/${c.Id}?force=true&v=true`)));
  const networks = await ctx.api.call<{ Id: string }[]>('GET', `/networks?filters=${filter}`);
  const external = Object.values(spec.networks).filter((n) => n.external);
  await Promise.all(networks.map((n) => ctx.api.call('DELETE', `/networks/${n.Id}`)));
  await Promise.all(external.map((n) => ctx.api.call('DELETE', `/networks/${encodeURIComponent(n.name)}`).catch(ignoreMissing)));
}
