/**
 * The parts of composure's loaded model (canonical long syntax, as `composure config` prints it)
 * that decide how Compose creates a project on the engine, as plain typed values.
 */
import { toJS, type Project } from '@composure/core';

export interface PortSpec {
  target: number;
  /** As written: a port, a range `9100-9110`, or undefined for an ephemeral port. */
  published?: string;
  host_ip?: string;
  protocol: string;
}

export interface ServiceNetworkSpec {
  aliases?: string[];
  ipv4_address?: string;
  ipv6_address?: string;
  link_local_ips?: string[];
  mac_address?: string;
  priority?: number;
}

export interface ServiceSpec {
  image?: string;
  hostname?: string;
  domainname?: string;
  container_name?: string;
  mac_address?: string;
  network_mode?: string;
  networks?: Record<string, ServiceNetworkSpec | null>;
  ports?: PortSpec[];
  expose?: (string | number)[];
  sysctls?: Record<string, string | number> | string[];
  deploy?: { replicas?: number };
  labels?: Record<string, string>;
}

export interface IpamConfigSpec {
  subnet?: string;
  ip_range?: string;
  gateway?: string;
  aux_addresses?: Record<string, string>;
}

export interface NetworkSpec {
  name: string;
  driver?: string;
  driver_opts?: Record<string, string | number>;
  internal?: boolean;
  attachable?: boolean;
  enable_ipv6?: boolean;
  external?: boolean;
  labels?: Record<string, string>;
  ipam?: { driver?: string; config?: IpamConfigSpec[]; options?: Record<string, string> };
}

export interface ProjectSpec {
  name: string;
  services: Record<string, ServiceSpec>;
  networks: Record<string, NetworkSpec>;
}

export function projectSpec(project: Project): ProjectSpec {
  const root = toJS(project.root) as Partial<ProjectSpec>;
  return { name: project.name, services: root.services ?? {}, networks: root.networks ?? {} };
}

/** A service's networks in the order Compose attaches them: by `priority` (highest first), then by key. */
export function networksByPriority(service: ServiceSpec): string[] {
  const priority = (key: string) => service.networks?.[key]?.priority ?? 0;
  return Object.keys(service.networks ?? {}).sort((a, b) => priority(b) - priority(a) || (a < b ? -1 : a > b ? 1 : 0));
}

/** How many containers Compose runs for the service. */
export const replicasOf = (service: ServiceSpec): number => service.deploy?.replicas ?? 1;

/** The container's name as Compose gives it: `container_name`, else `<project>-<service>-<n>`. */
export const containerName = (project: string, service: string, spec: ServiceSpec, n: number): string => spec.container_name ?? `${project}-${service}-${n}`;
