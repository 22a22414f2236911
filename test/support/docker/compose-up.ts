/**
 * `docker compose up` for the tests, with the docker CLI (there is no Compose v2 here): a compose
 * file loaded by composure's loader, its networks and containers created as Compose creates them,
 * with Compose's labels. Networks: those some service uses, `<project>_<key>` unless `name:`.
 * Containers: `<project>-<service>-<n>` (or `container_name`), created on their first network
 * (by priority, then key) with the aliases Compose gives (container name, service, the written
 * ones) and static addresses, connected to the others before they start; every container of
 * the probe image sleeps.
 */
import { createSession, toJS, topologyOf, type Project } from '@composure/core';
import type { Docker } from './docker-cli.js';
import { PROBE_IMAGE } from './docker-cli.js';

interface NetworkEntry {
  aliases?: string[];
  ipv4_address?: string;
  ipv6_address?: string;
  priority?: number;
}

interface ServiceSpec {
  container_name?: string;
  network_mode?: string;
  networks?: Record<string, NetworkEntry | null>;
  ports?: { target: number; published?: string; host_ip?: string; protocol: string }[];
  deploy?: { replicas?: number };
}

interface NetworkSpec {
  driver?: string;
  driver_opts?: Record<string, string | number>;
  internal?: boolean;
  ipam?: { config?: { subnet?: string; gateway?: string }[] };
}

export function loadComposeFile(file: string): Project {
  const result = createSession({ rules: [], env: {} }).load({ kind: 'files', files: [file] });
  if (!result.ok) throw new Error(`${file} does not load: ${result.failure.message}`);
  return result.value;
}

const portFlag = (p: NonNullable<ServiceSpec['ports']>[number]) =>
  `${p.host_ip ? `${p.host_ip}:${p.published ?? ''}:` : p.published ? `${p.published}:` : ''}${p.target}/${p.protocol}`;

function endpointFlags(entry: NetworkEntry | null | undefined, aliases: string[], prefix: 'network-alias' | 'alias'): string[] {
  return [
    ...[...aliases, ...(entry?.aliases ?? [])].flatMap((alias) => [`--${prefix}`, alias]),
    ...(entry?.ipv4_address ? ['--ip', entry.ipv4_address] : []),
    ...(entry?.ipv6_address ? ['--ip6', entry.ipv6_address] : []),
  ];
}

/** Creates the project of `file` on the engine; returns the loaded project. */
export function composeUp(docker: Docker, file: string): Project {
  const project = loadComposeFile(file);
  const topology = topologyOf(project);
  const root = toJS(project.root) as { services?: Record<string, ServiceSpec>; networks?: Record<string, NetworkSpec> };
  const labels = (pairs: Record<string, string>) => Object.entries(pairs).flatMap(([k, v]) => ['--label', `${k}=${v}`]);

  for (const network of topology.networks.values()) {
    if (network.external || network.members.length === 0) continue;
    const spec = root.networks?.[network.key] ?? {};
    docker(
      'network',
      'create',
      '--driver',
      spec.driver ?? 'bridge',
      ...labels({ 'com.docker.compose.project': project.name, 'com.docker.compose.network': network.key, 'com.docker.compose.version': '2.29.0' }),
      ...(spec.internal ? ['--internal'] : []),
      ...(spec.ipam?.config ?? []).flatMap((c) => [...(c.subnet ? ['--subnet', c.subnet] : []), ...(c.gateway ? ['--gateway', c.gateway] : [])]),
      ...Object.entries(spec.driver_opts ?? {}).flatMap(([k, v]) => ['-o', `${k}=${v}`]),
      network.name,
    );
  }

  for (const [service, spec] of Object.entries(root.services ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const networks = Object.entries(spec.networks ?? {}).sort(([a, x], [b, y]) => (y?.priority ?? 0) - (x?.priority ?? 0) || (a < b ? -1 : 1));
    for (let n = 1; n <= (spec.deploy?.replicas ?? 1); n++) {
      const name = spec.container_name ?? `${project.name}-${service}-${n}`;
      const implicit = [name, service];
      const [first, ...rest] = networks;
      const networkFlags = spec.network_mode
        ? ['--network', spec.network_mode]
        : first
          ? ['--network', topology.networks.get(first[0])!.name, ...endpointFlags(first[1], implicit, 'network-alias')]
          : [];
      docker(
        'create',
        '--name',
        name,
        ...labels({
          'com.docker.compose.project': project.name,
          'com.docker.compose.service': service,
          'com.docker.compose.container-number': String(n),
          'com.docker.compose.oneoff': 'False',
        }),
        ...networkFlags,
        ...(spec.network_mode ? [] : (spec.ports ?? []).flatMap((p) => ['-p', portFlag(p)])),
        PROBE_IMAGE,
        'sleep',
        '3600',
      );
      for (const [key, entry] of rest) docker('network', 'connect', ...endpointFlags(entry, implicit, 'alias'), topology.networks.get(key)!.name, name);
      docker('start', name);
    }
  }
  return project;
}
