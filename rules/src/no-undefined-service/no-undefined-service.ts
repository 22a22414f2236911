import { defineRule, get, isMap, isScalar, isSeq, isUninterpolated, locOf, placeKey, services, str, type Node, type Pair } from '@composure/core/rule-kit';
import { didYouMean, RENAME_MESSAGE } from '../suggest.js';

/** The attributes that can name another service, and how a message says what the service does with it. */
type ReferenceKind = 'depends_on' | 'links' | 'volumes_from' | NamespaceKey;

/** `KEY: service:NAME` shares NAME's namespace (compose-go turns each into an implicit dependency). */
const NAMESPACE_KEYS = ['network_mode', 'ipc', 'pid', 'uts', 'cgroup'] as const;
type NamespaceKey = (typeof NAMESPACE_KEYS)[number];

const SERVICE_PREFIX = 'service:';
const CONTAINER_PREFIX = 'container:';

interface Reference {
  kind: ReferenceKind;
  /** The service named. */
  target: string;
  /** Where the user wrote it: a depends_on key, a links / volumes_from item, a namespace value. */
  at: Node | Pair;
  /** `depends_on: {x: {required: false}}`: Compose tolerates x being disabled by profiles. */
  optional?: boolean;
}

/** Every service a service names, each once, at the place the user wrote it. */
function referencesOf(service: Node): Reference[] {
  const references: Reference[] = [];
  const add = (kind: ReferenceKind, target: string, at: Node) => {
    if (target !== '' && !isUninterpolated(target)) references.push({ kind, target, at });
  };

  const links = get(service, 'links');
  if (isSeq(links)) {
    for (const link of links.items) {
      const text = str(link);
      // `name` or `name:alias`
      if (text !== undefined) add('links', text.split(':')[0], link);
    }
  }
  for (const key of NAMESPACE_KEYS) {
    const node = get(service, key);
    const text = str(node);
    if (node && text?.startsWith(SERVICE_PREFIX)) add(key, text.slice(SERVICE_PREFIX.length), node);
  }
  const volumesFrom = get(service, 'volumes_from');
  if (isSeq(volumesFrom)) {
    for (const item of volumesFrom.items) {
      const text = str(item);
      // `name`, `name:ro`, `name:rw`; `container:NAME` names a container outside the project.
      if (text !== undefined && !text.startsWith(CONTAINER_PREFIX)) add('volumes_from', text.split(':')[0], item);
    }
  }

  // Normalisation adds a depends_on entry for each reference above, located at it: those are
  // reported once, as the reference the user wrote, so they are skipped here.
  const implied = new Set(references.map((r) => locOf(r.at)).flatMap((loc) => (loc ? [placeKey(loc)] : [])));
  const dependsOn = get(service, 'depends_on');
  if (isMap(dependsOn)) {
    for (const [target, entry] of dependsOn.entries) {
      if (entry.key.loc && implied.has(placeKey(entry.key.loc))) continue;
      const required = get(entry.value, 'required');
      const optional = isScalar(required) && (required.value === false || required.value === 'false');
      references.push({ kind: 'depends_on', target, at: entry, optional });
    }
  }
  return references;
}

/** What the referring service does with the target, as the start of a message. */
function describe(service: string, { kind, target }: Reference): string {
  switch (kind) {
    case 'depends_on':
      return `Service "${service}" depends on "${target}"`;
    case 'links':
      return `Service "${service}" links to "${target}"`;
    case 'volumes_from':
      return `Service "${service}" mounts the volumes of "${target}" (volumes_from)`;
    default:
      return `Service "${service}" shares the ${kind === 'network_mode' ? 'network' : kind} namespace of "${target}" (${kind}: service:${target})`;
  }
}

function profilesOf(service: Pair): string[] {
  const profiles = get(service.value, 'profiles');
  return isSeq(profiles) ? profiles.items.flatMap((p) => str(p) ?? []) : [];
}

export const noUndefinedService = defineRule({
  meta: {
    id: 'no-undefined-service',
    description: '`depends_on`, `links`, `volumes_from` and `service:` namespaces must name a service that exists and is enabled by the active profiles.',
    severity: 'error',
    recommended: true,
    category: 'network',
    oncePerPlace: true,
    hasSuggestions: true,
    messages: {
      rename: RENAME_MESSAGE,
      disabledTarget:
        '{{reference}}, which is disabled by profiles (it needs one of: {{profiles}}): activate one with --profile or COMPOSE_PROFILES{{alternative}}.',
      unknownTarget: '{{reference}}, which is not a service of this project: {{suggestion}}',
    },
  },
  check(context) {
    const { project } = context;
    const enabled = new Set(services(project).map((s) => s.name));
    const known = [...enabled, ...project.disabledServices.keys()];

    for (const service of services(project)) {
      for (const reference of referencesOf(service.node)) {
        if (enabled.has(reference.target)) continue;
        const disabled = project.disabledServices.get(reference.target);
        // Compose starts without a disabled dependency only when it is marked `required: false`.
        if (disabled && reference.optional) continue;
        const described = describe(service.name, reference);
        if (disabled) {
          const alternative = reference.kind === 'depends_on' ? ', or mark the dependency required: false' : '';
          const data = { reference: described, profiles: profilesOf(disabled).join(', '), alternative };
          context.report({ messageId: 'disabledTarget', data, at: reference.at, service: service.name });
        } else {
          const prefix = (NAMESPACE_KEYS as readonly string[]).includes(reference.kind) ? SERVICE_PREFIX : '';
          const { suggestion, suggest } = didYouMean(project, reference.target, known, 'define it or fix the name.', locOf(reference.at), prefix);
          context.report({ messageId: 'unknownTarget', data: { reference: described, suggestion }, at: reference.at, suggest, service: service.name });
        }
      }
    }
  },
});
