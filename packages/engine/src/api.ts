/**
 * The parts of the Engine API's answers composure reads, typed as the engine sends them
 * (https://docs.docker.com/reference/api/engine/): field names are the API's own.
 */

export interface EndpointIpamConfig {
  IPv4Address?: string;
  IPv6Address?: string;
}

/** A container's settings on one network. */
export interface EndpointSettings {
  NetworkID: string;
  /** The static addresses it was given (`--ip`, `ipv4_address`). */
  IPAMConfig?: EndpointIpamConfig | null;
  /** Names it answers to on the network (Engine < 26 adds the short container id to those given). */
  Aliases?: string[] | null;
  /** Its addresses while it runs; empty when stopped. */
  IPAddress?: string;
  GlobalIPv6Address?: string;
}

export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

/** `80/tcp` → the host bindings; null for an exposed port that is not published. */
export type PortMap = Record<string, PortBinding[] | null>;

/** GET /containers/json (all=1): one container of the list. */
export interface ContainerSummary {
  Id: string;
  /** `/name`, with the leading slash. */
  Names: string[];
  Image: string;
  Labels: Record<string, string> | null;
  State: string;
  HostConfig?: { NetworkMode?: string };
  NetworkSettings?: { Networks?: Record<string, EndpointSettings> | null } | null;
}

/** GET /containers/{id}/json. */
export interface ContainerInspect {
  Id: string;
  /** `/name`, with the leading slash. */
  Name: string;
  State: { Status: string; Running: boolean; ExitCode: number };
  Config: { Image: string; Labels: Record<string, string> | null; Hostname?: string };
  HostConfig: {
    /** `default`, `bridge`, `host`, `none`, `container:<id>` or the first network's name. */
    NetworkMode: string;
    /** What the container was created with: the ports it publishes. */
    PortBindings?: PortMap | null;
    RestartPolicy?: { Name: string };
  };
  NetworkSettings: {
    Networks: Record<string, EndpointSettings> | null;
    /** While it runs: every port bound on the host, ephemeral ones with the port Docker chose. */
    Ports?: PortMap | null;
  };
}

export interface NetworkIpamConfig {
  Subnet?: string;
  IPRange?: string;
  Gateway?: string;
}

/** GET /networks: one network of the list. */
export interface NetworkResource {
  Id: string;
  Name: string;
  Driver: string;
  Internal: boolean;
  EnableIPv6?: boolean;
  IPAM: { Driver?: string; Config?: NetworkIpamConfig[] | null };
  Options: Record<string, string> | null;
  Labels: Record<string, string> | null;
}

/** GET /version. */
export interface EngineVersion {
  Version: string;
  ApiVersion: string;
}
