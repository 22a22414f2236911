/**
 * Where composure and the engine disagree today, each on a gap issue 15 lists and the parallel
 * work fixes (topology: wt-topo; refusals: wt-rulegaps). The suite passes with exactly these
 * differences, and fails both on any other and on an entry here that no longer occurs: when a
 * fix lands, its entries go, until the list is empty.
 */
import { NO_RULE, type KnownGap } from '../support/engine/compare.js';

/** Issue 15's lines, as the entries cite them. */
const ISSUE = {
  ephemeral: 'Ephemeral published ports ("9000", "127.0.0.1::8000") are bound by Docker on a random host port but missing from composure\'s ingress',
  bridgeMode: "network_mode: bridge services reach each other by IP on Docker's default bridge; composure says no",
  hostReachesAll:
    'A network_mode: host service reaches every container on every bridge network, internal ones included; composure only lets it reach published ports',
  internalReachesHost: "Containers on internal networks can in turn reach services listening on the host through their network's gateway address",
  hostModePorts: 'ports of host/service: mode services appear as ingress though Docker discards or refuses them',
  networkModeByName: "network_mode: <a network's name> is valid (Docker takes any other value as a network name) but is a compose-schema error today",
  macvlanLan: 'macvlan/ipvlan members are reachable from the LAN on every port',
  refusalReplicas: 'Refusals Docker makes that composure misses: deploy.replicas > 1 with a fixed host port or a container_name',
  refusalSysctl: 'Refusals Docker makes that composure misses: sysctls: net.* with network_mode: host',
  ipv6Binding: 'enable_ipv4: false, enable_ipv6 and the [::] binding of an empty host IP are not modelled',
  sameName:
    'two network keys with the same name: are one Docker network — but Docker Compose v2 refuses the second key ("network … was found but has incorrect label com.docker.compose.network"): the error composure should report is still to be decided',
};

/** A port published with no host IP is bound on IPv6's every interface (`::`) as well: both IPv6 clients reach it. */
const boundOnIpv6Too = (fixture: string, ...ports: string[]): KnownGap[] =>
  ports.flatMap((port) =>
    (['from outside over IPv6', 'from the host over IPv6'] as const).map((client) => ({
      fixture,
      kind: 'ingress' as const,
      only: 'engine' as const,
      line: `${port} ${client}`,
      issue: ISSUE.ipv6Binding,
    })),
  );

export const KNOWN_GAPS: readonly KnownGap[] = [
  ...boundOnIpv6Too('example-microservices', 'adminer:8080 published 8080', 'proxy:443 published 443', 'proxy:80 published 80'),
  ...boundOnIpv6Too('bridge-basic', 'web:80 published 18080'),
  ...boundOnIpv6Too('dual-stack', 'web:80 published 18301'),
  ...boundOnIpv6Too('ephemeral-ports', 'db:5432 published ephemeral'),
  ...boundOnIpv6Too('host-mode', 'web:80 published 18263'),
  ...boundOnIpv6Too('icc-off', 'a:80 published 18211'),
  ...boundOnIpv6Too('internal-and-published', 'gateway:8000 published 18321'),
  ...boundOnIpv6Too('internal-network', 'api:8000 published 18202'),
  ...boundOnIpv6Too('port-ranges', 'web:80 published 18241', 'web:81 published 18242', 'web:82 published 18243-18245'),
  ...boundOnIpv6Too('tiers', 'proxy:80 published 18221'),

  // bridge-mode: both legacy services are on docker0 and reach each other's addresses.
  { fixture: 'bridge-mode', kind: 'reach', only: 'engine', line: 'legacy-a → legacy-b:81', issue: ISSUE.bridgeMode },
  { fixture: 'bridge-mode', kind: 'reach', only: 'engine', line: 'legacy-b → legacy-a:80', issue: ISSUE.bridgeMode },

  // ephemeral-ports: bound on a random port (the loopback one answers from the host only).
  { fixture: 'ephemeral-ports', kind: 'ingress', only: 'engine', line: 'admin:8000 published ephemeral from the host', issue: ISSUE.ephemeral },
  { fixture: 'ephemeral-ports', kind: 'ingress', only: 'engine', line: 'db:5432 published ephemeral from outside', issue: ISSUE.ephemeral },
  { fixture: 'ephemeral-ports', kind: 'ingress', only: 'engine', line: 'db:5432 published ephemeral from the host', issue: ISSUE.ephemeral },

  // host-mode: the agent on the host's stack reaches db on the internal network by its address;
  // db reaches the agent through its internal network's gateway; the agent's `ports` are discarded.
  { fixture: 'host-mode', kind: 'reach', only: 'engine', line: 'agent → db:5432', issue: ISSUE.hostReachesAll },
  { fixture: 'host-mode', kind: 'reach', only: 'engine', line: 'db → agent:18261', issue: ISSUE.internalReachesHost },
  { fixture: 'host-mode', kind: 'reach', only: 'engine', line: 'db → agent:18262', issue: ISSUE.internalReachesHost },
  { fixture: 'host-mode', kind: 'ingress', only: 'composure', line: 'agent:18262 published 18262 from outside', issue: ISSUE.hostModePorts },
  { fixture: 'host-mode', kind: 'ingress', only: 'composure', line: 'agent:18262 published 18262 from the host', issue: ISSUE.hostModePorts },

  // macvlan: a host on the LAN reaches the members' ports, none of them published.
  { fixture: 'macvlan', kind: 'ingress', only: 'engine', line: 'camera:554 from the LAN', issue: ISSUE.macvlanLan },
  { fixture: 'macvlan', kind: 'ingress', only: 'engine', line: 'recorder:8080 from the LAN', issue: ISSUE.macvlanLan },

  // network-mode-by-name: the engine attaches `tool` to the named network.
  { fixture: 'network-mode-by-name', kind: 'refusal', only: 'composure', line: 'compose-schema', issue: ISSUE.networkModeByName },
  { fixture: 'network-mode-by-name', kind: 'reach', only: 'engine', line: 'app → tool:9000', issue: ISSUE.networkModeByName },
  { fixture: 'network-mode-by-name', kind: 'reach', only: 'engine', line: 'tool → app:8080', issue: ISSUE.networkModeByName },
  { fixture: 'network-mode-by-name', kind: 'egress', only: 'engine', line: 'tool', issue: ISSUE.networkModeByName },
  // …where it answers to its container name (Compose gives it no alias there) and resolves the network's names.
  { fixture: 'network-mode-by-name', kind: 'names', only: 'engine', line: 'app: <project>-tool-1 → tool', issue: ISSUE.networkModeByName },
  { fixture: 'network-mode-by-name', kind: 'names', only: 'engine', line: 'tool: app → app', issue: ISSUE.networkModeByName },
  { fixture: 'network-mode-by-name', kind: 'names', only: 'engine', line: 'tool: <project>-app-1 → app', issue: ISSUE.networkModeByName },

  // Refusals no rule reports yet.
  { fixture: 'replicas-fixed-port', kind: 'refusal', only: 'engine', line: NO_RULE, issue: ISSUE.refusalReplicas },
  { fixture: 'replicas-container-name', kind: 'refusal', only: 'engine', line: NO_RULE, issue: ISSUE.refusalReplicas },
  { fixture: 'host-mode-net-sysctl', kind: 'refusal', only: 'engine', line: NO_RULE, issue: ISSUE.refusalSysctl },
  { fixture: 'same-name-networks', kind: 'refusal', only: 'engine', line: NO_RULE, issue: ISSUE.sameName },
];
