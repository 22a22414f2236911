/**
 * Implicit defaults, as compose-go's `loader.Normalize` injects them: the
 * `default` network, resource names `{project}_{key}`, dependencies implied by
 * links / `service:` namespaces / volumes_from, build defaults, environment and
 * build args without a value resolved from the environment, and pre_start
 * hooks completed from their service's container specification.
 *
 * Created nodes carry the location of what they were derived from (an implicit
 * dependency: the link that implies it; a resource name: the resource's key;
 * the implicit attachment to `default`: the service's key). Pure defaults (the
 * top-level `default` network, `dockerfile: Dockerfile`) carry none.
 */
import { clone, get, isMap, isScalar, isSeq, map, pair, scalar, str, toJS, type Loc, type MapNode, type Node, type Pair } from '../source/node.js';
import { canonicalDependsOn, cleanPath, listToMapping, type MappingKind } from './canonical.js';

export interface NormalizeOptions {
  projectName: string;
  env: Record<string, string | undefined>;
}

type Lookup = (name: string) => string | undefined;

const CONTAINER_SECTIONS = ['services', 'jobs'];

export function normalize(root: MapNode, options: NormalizeOptions): void {
  const lookup: Lookup = (name) => (Object.hasOwn(options.env, name) ? options.env[name] : undefined);
  normalizeNetworks(root);
  for (const section of CONTAINER_SECTIONS) {
    const containers = get(root, section);
    if (!isMap(containers)) continue;
    for (const { value } of containers.entries.values()) if (isMap(value)) normalizeContainer(value, lookup);
  }
  setNameFromKey(root, options.projectName);
}

function normalizeContainer(container: MapNode, lookup: Lookup): void {
  const pullPolicy = get(container, 'pull_policy');
  if (isScalar(pullPolicy) && pullPolicy.value === 'if_not_present') pullPolicy.value = 'missing';

  const build = container.entries.get('build');
  if (build && isMap(build.value)) {
    const b = build.value;
    if (isNull(get(b, 'context'))) setValue(b, 'context', scalar('.'));
    if (isNull(get(b, 'dockerfile')) && isNull(get(b, 'dockerfile_inline'))) setValue(b, 'dockerfile', scalar('Dockerfile'));
    const args = b.entries.get('args');
    if (args) args.value = resolve(args.value, lookup, false);
  }
  const environment = container.entries.get('environment');
  if (environment) environment.value = resolve(environment.value, lookup, true);

  addImplicitDependencies(container);

  const volumes = get(container, 'volumes');
  if (isSeq(volumes)) {
    for (const volume of volumes.items) {
      const target = get(volume, 'target');
      if (isScalar(target) && typeof target.value === 'string') target.value = cleanPath(target.value);
    }
  }

  resolvePreStartHooks(container);
}

// ---------------------------------------------------------------------------
// Networks and names.

/** Services with neither networks nor network_mode join `default`, which then exists. */
function normalizeNetworks(root: MapNode): void {
  let usesDefault = false;
  for (const section of CONTAINER_SECTIONS) {
    const containers = get(root, section);
    if (!isMap(containers)) continue;
    for (const { key, value: container } of containers.entries.values()) {
      if (!isMap(container) || container.entries.has('provider') || container.entries.has('network_mode')) continue;
      const networks = get(container, 'networks');
      if (networks === undefined || isEmpty(networks)) {
        // Located at the service's key: findings about the implicit attachment point at the service.
        const attachment = map([pair(scalar('default', key.loc), scalar(null, key.loc))], key.loc);
        setValue(container, 'networks', attachment, key.loc);
        usesDefault = true;
      } else if ((isMap(networks) && networks.entries.has('default')) || (isSeq(networks) && networks.items.some((n) => str(n) === 'default'))) {
        usesDefault = true;
      }
    }
  }
  if (!usesDefault) return;
  const networks = root.entries.get('networks');
  if (networks && isMap(networks.value)) {
    if (!networks.value.entries.has('default')) networks.value.entries.set('default', pair('default', scalar(null)));
  } else {
    setValue(root, 'networks', map([pair('default', scalar(null))], networks?.value.loc));
  }
}

/** Resources with no `name` are named `{project}_{key}`, external ones by their key. */
function setNameFromKey(root: MapNode, projectName: string): void {
  for (const section of ['networks', 'volumes', 'configs', 'secrets']) {
    const resources = get(root, section);
    if (!isMap(resources)) continue;
    for (const entry of resources.entries.values()) {
      if (isNull(entry.value)) entry.value = map(undefined, entry.value.loc);
      const resource = entry.value;
      if (!isMap(resource) || !isNull(get(resource, 'name'))) continue;
      const key = String(entry.key.value);
      const name = isTrue(get(resource, 'external')) ? key : `${projectName}_${key}`;
      setValue(resource, 'name', scalar(name, entry.key.loc), entry.key.loc);
    }
  }
}

/** Go's strconv.ParseBool of the value's text. */
function isTrue(node: Node | undefined): boolean {
  return isScalar(node) && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(String(node.value));
}

// ---------------------------------------------------------------------------
// Environment.

/**
 * Entries without a value take it from the environment; unset ones are kept
 * (environment) or dropped (build args). List entries that are not strings are dropped, as in compose-go.
 */
function resolve(node: Node, lookup: Lookup, keepEmpty: boolean): Node {
  if (isSeq(node)) {
    node.items = node.items.flatMap((item) => {
      if (!isScalar(item) || typeof item.value !== 'string') return [];
      if (item.value.includes('=')) return [item];
      const value = lookup(item.value);
      if (value !== undefined) return [scalar(`${item.value}=${value}`, item.loc, item.tag)];
      return keepEmpty ? [item] : [];
    });
  } else if (isMap(node)) {
    for (const [name, entry] of node.entries) {
      if (!isNull(entry.value)) continue;
      const value = lookup(name);
      if (value !== undefined) entry.value = scalar(value, entry.value.loc);
      else if (!keepEmpty) node.entries.delete(name);
    }
  }
  return node;
}

// ---------------------------------------------------------------------------
// Dependencies implied by links, `service:` namespaces and volumes_from.

const SERVICE_PREFIX = 'service:';
const CONTAINER_PREFIX = 'container:';

function addImplicitDependencies(container: MapNode): void {
  const implied: { service: string; restart: boolean; from: Node }[] = [];
  const links = get(container, 'links');
  if (isSeq(links)) {
    for (const link of links.items) {
      const text = str(link);
      if (text === undefined) continue;
      const parts = text.split(':');
      implied.push({ service: parts.length === 2 ? parts[0] : text, restart: true, from: link });
    }
  }
  for (const namespace of ['network_mode', 'ipc', 'pid', 'uts', 'cgroup']) {
    const node = get(container, namespace);
    const ref = str(node);
    if (node && ref?.startsWith(SERVICE_PREFIX)) implied.push({ service: ref.slice(SERVICE_PREFIX.length), restart: true, from: node });
  }
  const volumesFrom = get(container, 'volumes_from');
  if (isSeq(volumesFrom)) {
    for (const item of volumesFrom.items) {
      const text = str(item);
      if (text !== undefined && !text.startsWith(CONTAINER_PREFIX)) implied.push({ service: text.split(':')[0], restart: false, from: item });
    }
  }

  let entry = container.entries.get('depends_on');
  if (entry && isSeq(entry.value)) entry.value = canonicalDependsOn(entry.value);
  if (entry && !isMap(entry.value) && !isNull(entry.value)) return; // not a dependency mapping: the schema reports it
  for (const { service, restart, from } of implied) {
    if (!entry || !isMap(entry.value)) {
      entry = setValue(container, 'depends_on', map(undefined, entry?.value.loc ?? from.loc), entry?.key.loc ?? from.loc);
    }
    const dependencies = entry.value as MapNode;
    if (dependencies.entries.has(service)) continue;
    const condition = map(
      [
        pair(scalar('condition', from.loc), scalar('service_started', from.loc)),
        pair(scalar('restart', from.loc), scalar(restart, from.loc)),
        pair(scalar('required', from.loc), scalar(true, from.loc)),
      ],
      from.loc,
    );
    dependencies.entries.set(service, pair(scalar(service, from.loc), condition));
  }
}

// ---------------------------------------------------------------------------
// pre_start hooks inherit their service's container specification.

/**
 * The attributes a pre_start hook inherits. compose-go derives this list from
 * its ContainerSpec type (not published in the sources we read); this is our
 * reading of it: what describes the container itself, not how the service is
 * built, published, attached to networks, scaled or ordered. Volumes are
 * deliberately not inherited (compose-go shares them at run time instead).
 */
const CONTAINER_SPEC_KEYS = new Set([
  'annotations',
  'blkio_config',
  'cap_add',
  'cap_drop',
  'cgroup',
  'cgroup_parent',
  'command',
  'configs',
  'cpu_count',
  'cpu_percent',
  'cpu_period',
  'cpu_quota',
  'cpu_rt_period',
  'cpu_rt_runtime',
  'cpu_shares',
  'cpus',
  'cpuset',
  'credential_spec',
  'device_cgroup_rules',
  'devices',
  'dns',
  'dns_opt',
  'dns_search',
  'domainname',
  'entrypoint',
  'env_file',
  'environment',
  'extra_hosts',
  'gpus',
  'group_add',
  'hostname',
  'image',
  'init',
  'ipc',
  'isolation',
  'label_file',
  'labels',
  'mem_limit',
  'mem_reservation',
  'mem_swappiness',
  'memswap_limit',
  'oom_kill_disable',
  'oom_score_adj',
  'pid',
  'pids_limit',
  'platform',
  'privileged',
  'read_only',
  'runtime',
  'secrets',
  'security_opt',
  'shm_size',
  'stdin_open',
  'storage_opt',
  'sysctls',
  'tmpfs',
  'tty',
  'ulimits',
  'user',
  'userns_mode',
  'uts',
  'working_dir',
]);

/** Merged as a whole: the hook's value replaces the service's. */
const REPLACED = new Set(['command', 'entrypoint']);

/** `KEY=VALUE` lists and mappings, merged by key. */
const MAPPINGS: Record<string, MappingKind> = { environment: 'env', labels: 'labels', annotations: 'labels', sysctls: 'labels' };

function resolvePreStartHooks(service: MapNode): void {
  const hooks = get(service, 'pre_start');
  if (!isSeq(hooks) || hooks.items.length === 0) return;
  const inherited = [...service.entries.values()].filter((p) => CONTAINER_SPEC_KEYS.has(String(p.key.value)));
  hooks.items = hooks.items.map((hook) => (isMap(hook) ? inherit(inherited, hook) : hook));
}

/** The hook completed with the service's attributes; the hook's declarations win. */
function inherit(inherited: Pair[], hook: MapNode): MapNode {
  const result = map(hook.entries.values(), hook.loc, hook.tag);
  for (const { key, value } of inherited) {
    const name = String(key.value);
    const own = result.entries.get(name);
    if (!own) result.entries.set(name, { key: { ...key }, value: clone(value) });
    else own.value = mergeValue(name, clone(value), own.value);
  }
  return result;
}

function mergeValue(name: string, base: Node, over: Node): Node {
  if (REPLACED.has(name) || isNull(base)) return over;
  const kind = MAPPINGS[name];
  if (kind && (isSeq(base) || isSeq(over))) {
    const asMap = (node: Node) => (isSeq(node) ? listToMapping(node, kind) : node);
    const [b, o] = [asMap(base), asMap(over)];
    if (b && o) return mergeValue(name, b, o);
    return over;
  }
  if (isMap(base) && isMap(over)) {
    const result = map(base.entries.values(), over.loc, over.tag);
    for (const [key, entry] of over.entries) {
      const existing = result.entries.get(key);
      result.entries.set(key, existing ? { key: entry.key, value: mergeValue(key, existing.value, entry.value) } : entry);
    }
    return result;
  }
  if (isSeq(base) && isSeq(over)) {
    // Accumulated entries identical to an inherited one are not repeated.
    const seen = new Set(base.items.map((item) => JSON.stringify(toJS(item))));
    over.items = [...base.items, ...over.items.filter((item) => !seen.has(JSON.stringify(toJS(item))))];
    return over;
  }
  return over;
}

// ---------------------------------------------------------------------------
// Helpers.

const isNull = (node: Node | undefined) => node === undefined || (isScalar(node) && node.value === null);

const isEmpty = (node: Node) => isNull(node) || (isMap(node) && node.entries.size === 0) || (isSeq(node) && node.items.length === 0);

/** Sets `key` to `value`, keeping an existing key node; a new key is located at `keyLoc`. */
function setValue(target: MapNode, key: string, value: Node, keyLoc?: Loc): Pair {
  const existing = target.entries.get(key);
  if (existing) {
    existing.value = value;
    return existing;
  }
  const created = pair(scalar(key, keyLoc), value);
  target.entries.set(key, created);
  return created;
}
