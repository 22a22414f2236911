import type { PortMap } from './api.js';
import { COMPOSE_LABEL_PREFIX, COMPOSE_LABELS } from './compose-labels.js';
import type { RunningContainer, RunningProject } from './running-project.js';

/**
 * What runs, as a compose file: the model composure's topology is computed from, so that `reach
 * --live` shows the engine's wiring with the same analysis as the files'. Each running container
 * of the project is a service (named by its service, or by its container name when the service
 * has several), each running container of anything else on the project's networks is one too
 * (by its container name); every network a container is connected to is declared with the
 * engine's driver, internal flag and ICC; ports are those bound now.
 */

interface LiveService {
  image: string;
  labels?: Record<string, string>;
  network_mode?: string;
  networks?: Record<string, Record<string, never>>;
  ports?: { target: number; published: string; protocol: string; host_ip?: string }[];
}

interface LiveNetwork {
  name: string;
  driver: string;
  internal?: boolean;
  driver_opts?: Record<string, string>;
}

export interface LiveModel {
  name: string;
  services: Record<string, LiveService>;
  networks: Record<string, LiveNetwork>;
}

const ICC_OPTION = 'com.docker.network.bridge.enable_icc';

/**
 * Model names for the containers: a project service's name when it has one container, else
 * container names (always for other projects' containers, whose service names are theirs); never twice the same.
 */
function serviceNames(containers: RunningContainer[], project: string): Map<RunningContainer, string> {
  const ownService = (c: RunningContainer) => (c.project === project ? c.service : undefined);
  const perService = new Map<string, number>();
  for (const c of containers) {
    const service = ownService(c);
    if (service) perService.set(service, (perService.get(service) ?? 0) + 1);
  }
  const names = new Map<RunningContainer, string>();
  const taken = new Set<string>();
  for (const c of containers) {
    const service = ownService(c);
    const preferred = service && perService.get(service) === 1 ? service : c.name;
    const name = taken.has(preferred) ? `${preferred}-${c.id.slice(0, 12)}` : preferred;
    taken.add(name);
    names.set(c, name);
  }
  return names;
}

/** Ports bound now; an any-interface binding that the engine lists for IPv4 and IPv6 is one port. */
function boundPorts(ports: PortMap | null | undefined): LiveService['ports'] {
  const out = new Map<string, NonNullable<LiveService['ports']>[number]>();
  for (const [port, bindings] of Object.entries(ports ?? {})) {
    const [target, protocol = 'tcp'] = port.split('/');
    for (const b of bindings ?? []) {
      const any = b.HostIp === '' || b.HostIp === '0.0.0.0' || b.HostIp === '::';
      const key = `${any ? '' : b.HostIp}|${b.HostPort}|${target}|${protocol}`;
      if (!out.has(key)) out.set(key, { target: Number(target), published: b.HostPort, protocol, ...(any ? {} : { host_ip: b.HostIp }) });
    }
  }
  return out.size > 0 ? [...out.values()] : undefined;
}

const userLabels = (labels: Record<string, string> | null) => {
  const own = Object.entries(labels ?? {}).filter(([key]) => !key.startsWith(COMPOSE_LABEL_PREFIX));
  return own.length > 0 ? Object.fromEntries(own) : undefined;
};

export function liveModel(running: RunningProject): LiveModel {
  const containers = [...running.containers.filter((c) => !c.oneoff), ...running.foreign].filter((c) => c.inspect.State.Running);
  const names = serviceNames(containers, running.name);
  const byId = new Map(containers.map((c) => [c.id, c]));
  const networkKeys = new Map<string, string>();
  const networks: Record<string, LiveNetwork> = {};
  const networkKey = (dockerName: string): string => {
    const known = networkKeys.get(dockerName);
    if (known) return known;
    const engine = running.networks.get(dockerName);
    const labelled = engine?.Labels?.[COMPOSE_LABELS.project] === running.name ? engine.Labels?.[COMPOSE_LABELS.network] : undefined;
    const key = labelled && !Object.hasOwn(networks, labelled) ? labelled : dockerName;
    networkKeys.set(dockerName, key);
    const icc = (engine?.Options?.[ICC_OPTION] ?? 'true').toLowerCase() !== 'false';
    networks[key] = {
      name: dockerName,
      driver: engine?.Driver ?? 'bridge',
      ...(engine?.Internal ? { internal: true } : {}),
      ...(icc ? {} : { driver_opts: { [ICC_OPTION]: 'false' } }),
    };
    return key;
  };

  const services: Record<string, LiveService> = {};
  for (const c of containers) {
    const mode = c.inspect.HostConfig.NetworkMode;
    const service: LiveService = { image: c.inspect.Config.Image, labels: userLabels(c.inspect.Config.Labels) };
    if (mode === 'host' || mode === 'none') service.network_mode = mode;
    else if (mode.startsWith('container:')) {
      const owner = byId.get(mode.slice('container:'.length)) ?? containers.find((o) => o.name === mode.slice('container:'.length));
      service.network_mode = owner ? `service:${names.get(owner)}` : mode;
    } else {
      const attached = Object.keys(c.inspect.NetworkSettings.Networks ?? {}).sort();
      service.networks = Object.fromEntries(attached.map((name) => [networkKey(name), {}]));
      service.ports = boundPorts(c.inspect.NetworkSettings.Ports);
    }
    services[names.get(c)!] = JSON.parse(JSON.stringify(service)) as LiveService;
  }
  return { name: running.name, services, networks };
}

/**
 * The model as compose file text (JSON is YAML), every `$` doubled so that the loader's
 * interpolation gives back the engine's values as they are.
 */
export function liveComposeText(running: RunningProject): string {
  return JSON.stringify(liveModel(running), (_key, value: unknown) => (typeof value === 'string' ? value.replace(/\$/g, '$$$$') : value), 2) + '\n';
}
