import ipaddr from 'ipaddr.js';
import { services, type Project } from '../model/project.js';
import { get, isMap, isScalar, isSeq, str, type Node, type Pair, type ScalarNode } from '../source/node.js';
import { topologyOf, type NetworkMode, type Topology, type TopologyService } from './topology.js';

/**
 * The hosts a service names (in its environment, `links` and `external_links`) and how
 * Docker resolves each one for that service (docs/architecture.md#docker-networking-as-composure-models-it,
 * "Names"). One implementation for no-unresolved-host and no-unreachable-host.
 *
 * Only single-label names are references to judge: a dotted name (an FQDN,
 * `host.docker.internal`), an IP address, `localhost` and a value that is not a host at
 * all are resolved by the outside world or mean something else, and are left out.
 */

export type HostSource = 'url' | 'variable' | 'link' | 'external_link';

export interface HostReference {
  /** The service that names the host. */
  service: string;
  /** The host as written (compare lower-cased: DNS names are case-insensitive). */
  host: string;
  /** The port written after it (`db:5432`), when one is. */
  port?: number;
  /** A URL in an environment value, a bare host in a host-named variable, a `links` or `external_links` entry. */
  source: HostSource;
  /** The environment variable holding it (`url` and `variable` sources). */
  variable?: string;
  /** For `links` / `external_links`: the alias the entry gives (`db:database`). */
  alias?: string;
  /** The scalar holding it: the environment value (in the env file for an `env_file` variable), or the `links` / `external_links` item. */
  node: ScalarNode;
}

// ---------------------------------------------------------------------------------------------
// Which variables hold hosts

/**
 * Variables whose value is a bare host (`db`, `db:5432`, a list `a:1,b:2`): the name ends, after
 * `_`, `.` or `-`, with HOST, HOSTNAME, ADDR, ADDRESS, SERVER or a plural of them
 * (`KAFKA_BOOTSTRAP_SERVERS`, `POSTGRES_SERVERS`, `discovery.seed_hosts`). `HOST` or `SERVER`
 * alone is usually the address the service itself binds or the software it runs, and
 * `REDISHOST` (no separator) cannot be told from `RABBITMQ_VHOST`: neither is read, except
 * libpq's well-known PGHOST.
 */
const HOST_VARIABLE = /[_.-](host|hostname|addr|address|server)(e?s)?$/i;
/** Well-known host variables without a separator: libpq's PGHOST. */
const HOST_VARIABLE_NAMES = /^pghost$/i;

/**
 * Variables that name a host but are not references to another container: a public name
 * (nginx-proxy's VIRTUAL_HOST, acme-companion's LETSENCRYPT_HOST, Keycloak's KC_HOSTNAME,
 * anything PUBLIC/EXTERNAL/ADVERTISED), a list of names clients may use (ALLOWED_HOSTS,
 * TRUSTED_HOSTS, CORS/CSRF origins), an address the service itself binds or listens on
 * (BIND, LISTEN, ASPNETCORE_URLS), a browser redirect target, or an address that is not a
 * host (`*_FROM_ADDRESS`, `*_EMAIL_ADDRESS`, `*_MAC_ADDRESS`, `*_REMOTE_ADDR`).
 * Read for URLs and bare hosts alike.
 */
const NOT_REFERENCE_VARIABLES: readonly RegExp[] = [
  /^(virtual_host|virtual_host_alias|letsencrypt_host)$/i,
  /^kc_hostname(_admin)?$/i,
  /(^|[_.-])(allowed|trusted)[_.-]?(hosts?|origins?|proxies)$/i,
  /(^|[_.-])x?[_.-]?forwarded[_.-]host$/i,
  /public|external|advertise|bind|listen/i,
  /(^|[_.-])(cors|csrf)([_.-]|$)/i,
  /(^|[_.-])origins?$/i,
  /redirect|callback/i,
  /^aspnetcore_(https?_)?urls$/i,
  /(^|[_.-])(from|email|mail|mac|remote)[_.-]?addr(ess)?$/i,
];

/** True for a variable whose value is read as a bare host or a list of them. */
export function isHostVariable(name: string): boolean {
  return (HOST_VARIABLE.test(name) || HOST_VARIABLE_NAMES.test(name)) && !isNotReferenceVariable(name);
}

/** True for a variable that holds a host that is not a reference (VIRTUAL_HOST, ALLOWED_HOSTS, BIND_ADDR…). */
export function isNotReferenceVariable(name: string): boolean {
  return NOT_REFERENCE_VARIABLES.some((pattern) => pattern.test(name));
}

// ---------------------------------------------------------------------------------------------
// Parsing hosts out of values

/** Schemes whose authority is not a host: a bucket, a socket path, an image, a trust domain. */
const NOT_HOST_SCHEMES = new Set(['s3', 's3a', 's3n', 'gs', 'gcs', 'az', 'abfs', 'abfss', 'wasb', 'wasbs', 'file', 'unix', 'npipe', 'docker', 'oci', 'spiffe']);

/** `scheme://` where the scheme starts a word (`jdbc:postgresql://` is the postgresql scheme). */
const URL_START = /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*):\/\//g;
/** Characters an authority may hold (RFC 3986 unreserved, sub-delims, `:@[]` and `%`). */
const AUTHORITY = /^[A-Za-z0-9\-._~!$&'()*+,;=:@[\]%]*/;

/** A host and the port written after it, when one is. */
export interface HostPort {
  host: string;
  port?: number;
}

/** `:5432` → 5432; nothing or an empty port → undefined. */
const portOf = (digits: string | undefined) => (digits ? Number(digits) : undefined);
const withPort = (host: string, digits: string | undefined): HostPort => (digits ? { host, port: portOf(digits) } : { host });

/**
 * One entry of a host list: `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 address.
 * Returns the host (IPv6 without brackets) and its port, an empty host for `:8080`, or
 * undefined when the text is not a host at all (`local:redis:6379`, `a@b`).
 */
export function parseHostAndPort(text: string): HostPort | undefined {
  if (text.startsWith('[')) {
    const m = /^\[([^\]]*)\](?::(\d*))?$/.exec(text);
    return m ? withPort(m[1], m[2]) : undefined;
  }
  // A bare IPv6 address has two colons or more (checked first: ipaddr.js is slow on every word).
  if (text.indexOf(':') !== text.lastIndexOf(':') && ipaddr.IPv6.isValid(text)) return { host: text };
  const m = /^([^:/\s@[\]]*)(?::(\d*))?$/.exec(text);
  return m ? withPort(m[1], m[2]) : undefined;
}

/** The host of one entry of a host list (see parseHostAndPort): '' for `:8080`, undefined when not a host. */
export function parseHostPort(text: string): string | undefined {
  return parseHostAndPort(text)?.host;
}

/** Whether a value holds a URL (`scheme://`). */
export function hasUrl(value: string): boolean {
  return ANY_URL_START.test(value);
}

/** URL_START without the global flag, whose lastIndex would carry from one test to the next. */
const ANY_URL_START = new RegExp(URL_START.source);

/** A host found in a value with its port, and where the host starts in that value (what a rename edits). */
export interface HostSpan extends HostPort {
  start: number;
}

/**
 * The hosts of every URL in a text, as written, in order: `postgres://u:p@db:5432/app` → db,
 * `mongodb://a:27017,b:27017/db` → a, b, `redis://:pass@cache:6379` → cache,
 * `http://[::1]:80/` → ::1, `INTERNAL://kafka:9093,EXTERNAL://localhost:9092` → kafka, localhost.
 * Credentials are skipped, never returned; URLs of schemes without a host (s3://bucket,
 * unix:///path) give nothing. Hosts that are not hosts (`+`, `*`, `%2Fpath`) are returned as
 * they are: isJudgedHost tells what to judge.
 */
export function hostsInUrls(value: string): string[] {
  return endpointsInUrls(value).map((e) => e.host);
}

/** The hosts of every URL in a text with their ports, as hostsInUrls tells. */
export function endpointsInUrls(value: string): HostPort[] {
  return hostSpansInUrls(value);
}

/** endpointsInUrls with where each host starts in the value. */
export function hostSpansInUrls(value: string): HostSpan[] {
  const starts = [...value.matchAll(URL_START)];
  const hosts: HostSpan[] = [];
  starts.forEach((match, i) => {
    const from = match.index! + match[0].length;
    const to = i + 1 < starts.length ? starts[i + 1].index! : value.length;
    if (NOT_HOST_SCHEMES.has(match[1].toLowerCase())) return;
    let authority = AUTHORITY.exec(value.slice(from, to))![0];
    // Credentials end at the last `@` (an unencoded `@` in a password is common enough).
    const at = authority.lastIndexOf('@');
    if (at >= 0) authority = authority.slice(at + 1);
    // Several hosts (`mongodb://a:1,b:2`); `;` separates URLs in some lists (ASPNETCORE_URLS).
    hosts.push(...hostSpansOfList(authority, /[,;]/g, from + at + 1, false));
  });
  return hosts;
}

/** The host entries of a list, each with its port and start (offset by `base`); entries that are not hosts are skipped, or (`strict`) void the list. */
function hostSpansOfList(list: string, separator: RegExp, base: number, strict: boolean): HostSpan[] {
  const hosts: HostSpan[] = [];
  const bounds = [...list.matchAll(separator)].map((m) => [m.index!, m.index! + m[0].length]);
  bounds.push([list.length, list.length]);
  let from = 0;
  for (const [to, next] of bounds) {
    const item = list.slice(from, to);
    const itemStart = from;
    from = next;
    if (item === '') continue;
    const host = parseHostAndPort(item);
    if (host === undefined) {
      if (strict) return [];
      continue;
    }
    if (host.host !== '') hosts.push({ ...host, start: base + itemStart + (item.startsWith('[') ? 1 : 0) });
  }
  return hosts;
}

/**
 * The hosts of a bare host value: `db`, `db:5432`, `[fe80::1]:80`, `a:1,b:2` (commas,
 * semicolons or spaces between entries). When any entry is not a host the value is not a
 * host list (`local:redis:6379`, `user@example.org`, a sentence) and nothing is returned.
 */
export function hostsInValue(value: string): string[] {
  return endpointsInValue(value).map((e) => e.host);
}

/** The hosts of a bare host value with their ports, as hostsInValue tells. */
export function endpointsInValue(value: string): HostPort[] {
  return hostSpansInValue(value);
}

/** endpointsInValue with where each host starts in the value. */
export function hostSpansInValue(value: string): HostSpan[] {
  return hostSpansOfList(value, /[\s,;]+/g, 0, true);
}

/** Names every container resolves by itself (its /etc/hosts), and words that say a value is not a host. */
const NOT_HOSTS = new Set([
  'localhost',
  'ip6-localhost',
  'ip6-loopback',
  'ip6-localnet',
  'ip6-allnodes',
  'ip6-allrouters',
  'ip6-mcastprefix',
  'host-gateway',
  'true',
  'false',
  'yes',
  'no',
  'y',
  'n',
  'on',
  'off',
  'none',
  'null',
  'nil',
  'undefined',
  'auto',
  'any',
  'all',
  'default',
  'enabled',
  'disabled',
]);

/** A single DNS label (underscores allowed: Compose service names may hold them) with a letter in it. */
const LABEL = /^(?=[^.]*[a-z])[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;

/**
 * Whether a host is a single-label name that a container of the project could provide: not
 * dotted (FQDNs, `host.docker.internal`, `db.`), not an IP address, not `localhost` or another
 * /etc/hosts name, not empty, not unresolved interpolation, not digits, a hex number or a
 * boolean word.
 */
export function isJudgedHost(host: string): boolean {
  // A hex number (`0x…`: a wallet or contract address) is no more a name than digits are.
  // A label has a letter and no dot or colon, so the only address it can spell is a hex number.
  if (!LABEL.test(host) || /^0x[0-9a-f]+$/i.test(host)) return false;
  return !NOT_HOSTS.has(host.toLowerCase());
}

/** Interpolation left in a value (escaped `$${VAR}`, a shell `$(cmd)`): its final text is unknown. */
const UNRESOLVED = /\$[{(A-Za-z_]/;

/** `name` or `name:alias` of a `links` / `external_links` entry. */
export function splitLink(text: string): { target: string; alias?: string } {
  const colon = text.indexOf(':');
  if (colon < 0) return { target: text };
  const alias = text.slice(colon + 1);
  return { target: text.slice(0, colon), alias: alias === '' ? undefined : alias };
}

/** The hosts the variables of an environment mapping name, in the order written; `overridden` keys are skipped. */
function environmentReferences(name: string, environment: Node | undefined, overridden?: Node): HostReference[] {
  const references: HostReference[] = [];
  if (!isMap(environment)) return references;
  for (const [variable, pair] of environment.entries) {
    const value = pair.value;
    // Numbers, booleans and null hold no host; a list or a mapping is a schema error.
    if (!isScalar(value) || typeof value.value !== 'string' || get(overridden, variable) !== undefined) continue;
    const text = value.value;
    if (text === '' || UNRESOLVED.test(text) || isNotReferenceVariable(variable)) continue;
    const url = hasUrl(text);
    const hosts = url ? endpointsInUrls(text) : isHostVariable(variable) ? endpointsInValue(text) : [];
    for (const { host, port } of hosts) {
      if (isJudgedHost(host))
        references.push({ service: name, host, ...(port !== undefined && { port }), source: url ? 'url' : 'variable', variable, node: value });
    }
  }
  return references;
}

/**
 * The hosts one service names, in the order written: its `environment`, then what its
 * `env_file`s set and `environment` does not override (located in those files), then links.
 */
function referencesOfService(name: string, node: Node, envFileVariables: Node | undefined): HostReference[] {
  const environment = get(node, 'environment');
  const references = [...environmentReferences(name, environment), ...environmentReferences(name, envFileVariables, environment)];
  for (const [key, source] of [
    ['links', 'link'],
    ['external_links', 'external_link'],
  ] as const) {
    const list = get(node, key);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      const text = str(item);
      if (!isScalar(item) || text === undefined || UNRESOLVED.test(text)) continue;
      const { target, alias } = splitLink(text);
      if (target === '') continue;
      references.push({ service: name, host: target, source, ...(alias !== undefined && { alias }), node: item });
    }
  }
  return references;
}

/**
 * Every host the enabled services name: URLs in environment values (`environment`, and the
 * `env_file`s' values it does not override), bare hosts in host-named variables (see
 * isHostVariable), `links` targets and `external_links` containers. Environment hosts are kept
 * only when they are single-label names (see isJudgedHost).
 */
const referencesCache = new WeakMap<Project, HostReference[]>();

/** Every host the project's services name, read once per project (both host rules use them). */
export function hostReferences(project: Project): HostReference[] {
  let references = referencesCache.get(project);
  if (!references) {
    const ofService = (service: { name: string; node: Node }) => referencesOfService(service.name, service.node, project.envFileVariables.get(service.name));
    referencesCache.set(project, (references = services(project).flatMap(ofService)));
  }
  return references;
}

// ---------------------------------------------------------------------------------------------
// Resolving a host for the service that names it

/** One service answering to a name. */
export interface HostProvider {
  service: string;
  /** What of it the name is: its service name, container_name, hostname, Compose's container name or a network alias. */
  by: 'service' | 'container_name' | 'hostname' | 'container' | 'alias';
  /**
   * The networks on which it answers to the name: all its networks, or, for an alias, the
   * network the alias is set on. Empty when it has no endpoint of its own: `network_mode`
   * host, none, bridge or `service:X` (a namespace sharer answers to no name); for the service
   * name of a `network_mode: NETWORK` service, which Compose gives no alias.
   */
  networks: string[];
  mode: NetworkMode;
  /** For `network_mode: service:X`: X, whose namespace it lives in. */
  namespaceOf?: string;
}

export interface HostResolution {
  /**
   * - `self`: the referring service's own name (its /etc/hosts has it).
   * - `local`: the referring service's own `extra_hosts`, `links` or `external_links` give it.
   * - `service`: enabled services of the project answer to it (see providers, shared, reachable).
   * - `disabled`: only services disabled by the active profiles would answer to it.
   * - `unknown`: nothing in the project provides it.
   * - `opaque`: the referring service lives in a namespace outside the project
   *   (`network_mode: container:…`, or `service:X` whose X is missing or disabled):
   *   what it resolves cannot be known.
   */
  kind: 'self' | 'local' | 'service' | 'disabled' | 'unknown' | 'opaque';
  /** For `local`: what gives the name. */
  local?: 'extra_hosts' | 'links' | 'external_links';
  /** For `service`: every enabled service answering to the name. */
  providers: readonly HostProvider[];
  /** For `disabled`: the services disabled by profiles that would answer to it. */
  disabled: string[];
  /** Networks the referring service is on where a provider answers to the name. */
  shared: string[];
  /**
   * For `service`: the name resolves and connects: a shared network that lets members talk
   * (`enable_icc` not "false"), or a provider in a namespace that cannot be known (not judged).
   * Always true for `self` and `local`; false for the rest.
   */
  reachable: boolean;
}

export interface HostResolver {
  /**
   * How `host` resolves for `service`. With `{ local: false }` the service's own
   * extra_hosts / links / external_links are not consulted (to judge a `links` entry itself).
   */
  resolve(service: string, host: string, options?: { local?: boolean }): HostResolution;
  /**
   * How a `links` entry of `service` to `target` resolves: Compose links by service name only
   * (`disabled` / `unknown` when the target is not an enabled service); on Docker's default
   * bridge (`network_mode: bridge` on both) a link connects without a shared network.
   */
  resolveLink(service: string, target: string): HostResolution;
  /** The networks a service is on, by the keys it lists (a namespace sharer: its owner's), [] without an endpoint. */
  networksOf(service: string): string[];
  /** Every name a service could mean: other services' names, container names, hostnames, aliases, and its own local names. */
  knownNames(service: string): string[];
  /** The services disabled by profiles, with the names they would answer to. */
  readonly disabledNames: ReadonlyMap<string, string[]>;
}

interface NameEntry {
  /** As written, for did-you-mean. */
  name: string;
  provider: HostProvider;
}

const lower = (text: string) => text.toLowerCase();

/** The names given by a service's own `extra_hosts`, `links` and `external_links`. */
function localNames(node: Node): Map<string, 'extra_hosts' | 'links' | 'external_links'> {
  const names = new Map<string, 'extra_hosts' | 'links' | 'external_links'>();
  const extraHosts = get(node, 'extra_hosts');
  if (isMap(extraHosts)) for (const key of extraHosts.entries.keys()) names.set(lower(key), 'extra_hosts');
  else if (isSeq(extraHosts)) {
    for (const item of extraHosts.items) {
      // Not yet canonical: `name:ip` or `name=ip`.
      const text = str(item);
      const m = text === undefined ? null : /^([^:=]+)[:=]/.exec(text);
      if (m) names.set(lower(m[1].trim()), 'extra_hosts');
    }
  }
  for (const key of ['links', 'external_links'] as const) {
    const list = get(node, key);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      const text = str(item);
      if (text === undefined || text === '') continue;
      const { target, alias } = splitLink(text);
      if (target !== '' && !names.has(lower(target))) names.set(lower(target), key);
      if (alias !== undefined && !names.has(lower(alias))) names.set(lower(alias), key);
    }
  }
  return names;
}

/** The names a service disabled by profiles would answer to (service name, container_name, hostname, aliases). */
function namesOfDisabled(name: string, service: Pair): string[] {
  const names = [name];
  for (const key of ['container_name', 'hostname']) {
    const value = str(get(service.value, key));
    if (value) names.push(value);
  }
  const networks = get(service.value, 'networks');
  if (isMap(networks)) {
    for (const pair of networks.entries.values()) {
      const aliases = get(pair.value, 'aliases');
      if (isSeq(aliases)) for (const alias of aliases.items) if (str(alias)) names.push(str(alias)!);
    }
  }
  return names;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * How Docker resolves host names for each service of a project:
 * - on a network N, a service answers to its service name, `container_name`, `hostname`,
 *   Compose's container name (`{project}-{service}-{n}`, `{project}_{service}_{n}` for
 *   Compose v1) and its `aliases` on N; names are case-insensitive;
 * - a service resolves its own names, and what its `extra_hosts`, `links` (target and alias)
 *   and `external_links` (container and alias) give it;
 * - a service with `network_mode: service:X` resolves as X does (it is on X's networks) but
 *   has no endpoint, so it answers to no name: others reach it through X's names, and X and
 *   its sharers reach each other over localhost;
 * - `network_mode: host` uses the host's resolver: no service name resolves there, and a
 *   host-mode service answers to no name on a network (others reach it through the host,
 *   e.g. `host.docker.internal` with `extra_hosts: host.docker.internal:host-gateway`);
 * - `network_mode: none` resolves nothing and answers to nothing; `network_mode: bridge`
 *   (Docker's default bridge) resolves no container name except through `links`;
 * - `network_mode: container:NAME` is a namespace outside the project: not judged.
 */
export function hostResolver(project: Project, topology: Topology = topologyOf(project)): HostResolver {
  let resolver = resolvers.get(topology);
  if (!resolver) resolvers.set(topology, (resolver = buildHostResolver(project, topology)));
  return resolver;
}

/** One resolver per topology (so per project): both host rules share it. */
const resolvers = new WeakMap<Topology, HostResolver>();

/** A namespace that cannot be known: `container:NAME`, or `service:X` whose X is missing or disabled. */
const isOpaque = (mode: NetworkMode, namespaceOf: string | undefined) => mode === 'container' || (mode === 'service' && namespaceOf === undefined);

function buildHostResolver(project: Project, topology: Topology): HostResolver {
  const owner = (s: TopologyService): TopologyService => (s.namespaceOf ? (topology.services.get(s.namespaceOf) ?? s) : s);
  /** Networks by the keys the owner of the namespace lists (undeclared ones too: no-undefined-network reports those). */
  const networksOf = (name: string): string[] => {
    const service = topology.services.get(name);
    if (!service) return [];
    const root = owner(service);
    if (root.mode === 'network') return [...root.networks];
    return root.mode === 'networks' ? [...root.attachments.keys()] : [];
  };
  const icc = (key: string) => topology.networks.get(key)?.icc ?? true;

  const byName = new Map<string, NameEntry[]>();
  const add = (name: string, provider: HostProvider) => {
    const key = lower(name);
    let list = byName.get(key);
    if (!list) byName.set(key, (list = []));
    if (!list.some((e) => e.provider.service === provider.service && e.provider.by === provider.by && e.provider.networks.join() === provider.networks.join()))
      list.push({ name, provider });
  };
  /** Services Compose names `{project}-{service}-{n}` (or `_` for Compose v1): those without container_name, by lower-case name. */
  const composeNamed = new Map<string, TopologyService>();
  const answersOn = (service: TopologyService): string[] =>
    (service.mode === 'networks' || service.mode === 'network') && !service.namespaceOf ? networksOf(service.name) : [];

  /** Keys whose `name:` is the same are one Docker network: a name answered on one is answered on all of them. */
  const keysByDockerName = new Map<string, string[]>();
  for (const network of topology.networks.values()) keysByDockerName.set(network.name, [...(keysByDockerName.get(network.name) ?? []), network.key]);
  const oneDockerNetwork = (keys: string[]): string[] => [
    ...new Set(keys.flatMap((key) => keysByDockerName.get(topology.networks.get(key)?.name ?? '') ?? [key])),
  ];

  const providerOf = (service: TopologyService, by: HostProvider['by'], networks = answersOn(service)): HostProvider => ({
    service: service.name,
    by,
    networks: oneDockerNetwork(networks),
    mode: service.mode,
    ...(service.namespaceOf !== undefined && { namespaceOf: service.namespaceOf }),
  });

  for (const service of topology.services.values()) {
    const networks = answersOn(service);
    const containerName = str(get(service.node, 'container_name'));
    const hostname = str(get(service.node, 'hostname'));
    // Compose gives a `network_mode: NETWORK` container no alias there: its service name resolves nowhere (docker/compose create.go).
    add(service.name, providerOf(service, 'service', service.mode === 'network' ? [] : networks));
    if (containerName) add(containerName, providerOf(service, 'container_name', networks));
    if (hostname) add(hostname, providerOf(service, 'hostname', networks));
    if (!containerName) composeNamed.set(lower(service.name), service);
    for (const [network, aliases] of service.aliases) {
      // An alias is answered on its own network, and only by a service with an endpoint there.
      const on = networks.includes(network) ? [network] : [];
      for (const alias of aliases) if (typeof alias.value === 'string') add(alias.value, providerOf(service, 'alias', on));
    }
  }

  const disabledNames = new Map<string, string[]>();
  for (const [name, pair] of project.disabledServices) disabledNames.set(name, namesOfDisabled(name, pair));

  const projectName = escapeRegExp(lower(project.name));
  const containerNamePatterns = ['-', '_'].map((sep) => new RegExp(`^${projectName}${sep}(.+)${sep}[1-9][0-9]*$`));
  // A project names the same few hosts hundreds of times: each name's providers are found once.
  const providersByName = new Map<string, readonly HostProvider[]>();
  const providersOf = (host: string): readonly HostProvider[] => {
    const key = lower(host);
    let found = providersByName.get(key);
    if (found) return found;
    const list = (byName.get(key) ?? []).map((e) => e.provider);
    // Compose's container name, unless container_name replaces it: one pattern, then a lookup (not a pattern per service).
    for (const pattern of containerNamePatterns) {
      const service = composeNamed.get(pattern.exec(key)?.[1] ?? '');
      if (service) list.push(providerOf(service, 'container'));
    }
    providersByName.set(key, (found = list));
    return found;
  };
  const linkProviders = new Map<string, HostProvider>();
  const linkProviderOf = (linked: TopologyService): HostProvider => {
    let provider = linkProviders.get(linked.name);
    if (!provider) linkProviders.set(linked.name, (provider = providerOf(linked, 'service')));
    return provider;
  };

  const locals = new Map<string, ReturnType<typeof localNames>>();
  const localsOf = (service: TopologyService) => {
    let names = locals.get(service.name);
    if (!names) locals.set(service.name, (names = localNames(service.node)));
    return names;
  };

  const none = { providers: [], disabled: [], shared: [] };
  return {
    disabledNames,
    networksOf,
    knownNames(name) {
      const service = topology.services.get(name);
      const names = new Set<string>();
      // Other services' names: a service rarely means itself, so it is never the suggestion.
      for (const list of byName.values()) for (const entry of list) if (entry.provider.service !== name) names.add(entry.name);
      if (service) for (const local of localsOf(service).keys()) names.add(local);
      return [...names];
    },
    resolve(name, host, options = {}) {
      const service = topology.services.get(name);
      if (!service || isOpaque(service.mode, service.namespaceOf)) return { kind: 'opaque', ...none, reachable: false };
      const key = lower(host);
      // Its own names, Compose's container name and its aliases all lead back to itself.
      const self = service.names.some((n) => lower(n) === key) || providersOf(host).some((p) => p.service === service.name);
      if (self) return { kind: 'self', ...none, reachable: true };
      const local = options.local === false ? undefined : localsOf(service).get(key);
      if (local) return { kind: 'local', local, ...none, reachable: true };

      const providers = providersOf(host);
      if (providers.length === 0) {
        const disabled = [...disabledNames].filter(([, names]) => names.some((n) => lower(n) === key)).map(([n]) => n);
        return { kind: disabled.length > 0 ? 'disabled' : 'unknown', providers: [], disabled, shared: [], reachable: false };
      }
      return judge(service, providers);
    },
    resolveLink(name, target) {
      const service = topology.services.get(name);
      if (!service || isOpaque(service.mode, service.namespaceOf)) return { kind: 'opaque', ...none, reachable: false };
      // Compose links a service by its service name, exactly as written.
      const linked = topology.services.get(target);
      if (!linked) {
        const disabled = project.disabledServices.has(target) ? [target] : [];
        return { kind: disabled.length > 0 ? 'disabled' : 'unknown', providers: [], disabled, shared: [], reachable: false };
      }
      if (linked === service) return { kind: 'self', ...none, reachable: true };
      const provider = linkProviderOf(linked);
      // Legacy links on Docker's default bridge connect two containers that are both on it.
      if (service.mode === 'bridge' && linked.mode === 'bridge') return { kind: 'service', providers: [provider], disabled: [], shared: [], reachable: true };
      return judge(service, [provider]);
    },
  };

  function judge(service: TopologyService, providers: readonly HostProvider[]): HostResolution {
    const mine = networksOf(service.name);
    // Each network once, in the providers' order: a loop, not a Set of a flatMap made anew for every reference.
    const shared: string[] = [];
    for (const p of providers) for (const n of p.networks) if (mine.includes(n) && !shared.includes(n)) shared.push(n);
    const reachable = shared.some(icc) || providers.some((p) => isOpaque(p.mode, p.namespaceOf));
    return { kind: 'service', providers, disabled: [], shared, reachable };
  }
}
