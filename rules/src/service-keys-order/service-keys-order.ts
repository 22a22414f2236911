import { defineRule, reorderItems } from '@composure/core/rule-kit';
import { compareNames, keyOf, locIn, misplaced, sortedOrder, writtenDocuments, writtenServices } from '../written-yaml.js';
import optionsSchema from './options.schema.json' with { type: 'json' };

export interface ServiceKeysOrderOptions {
  /** Named groups of keys: a key's place is its group's place in `groupOrder`, then its place in the group. */
  groups: Record<string, string[]>;
  /** The order of the groups. */
  groupOrder: string[];
}

/** dclint's groups, in dclint's order. */
export const DEFAULT_GROUPS: Readonly<Record<string, readonly string[]>> = {
  'Core Definitions': ['image', 'build', 'container_name'],
  'Service Dependencies': ['depends_on'],
  'Data Management and Configuration': ['volumes', 'volumes_from', 'configs', 'secrets'],
  'Environment Configuration': ['environment', 'env_file'],
  Networking: ['ports', 'networks', 'network_mode', 'extra_hosts'],
  'Runtime Behavior': ['command', 'entrypoint', 'working_dir', 'restart', 'healthcheck'],
  'Operational Metadata': ['logging', 'labels'],
  'Security and Execution Context': ['user', 'isolation'],
  Other: [],
};

export const DEFAULT_GROUP_ORDER: readonly string[] = Object.keys(DEFAULT_GROUPS);

/**
 * A comparison of service keys: by the place of their group (the first group that lists
 * them), then by their place in it; keys no group in `groupOrder` lists come last, in
 * alphabetical order.
 */
export function keyComparator(options: Partial<ServiceKeysOrderOptions>): (a: string, b: string) => number {
  const given = options.groups && typeof options.groups === 'object' && !Array.isArray(options.groups) ? options.groups : {};
  // As dclint: the groups given replace the default groups of the same name, the others stay.
  const groups: Record<string, unknown> = { ...DEFAULT_GROUPS, ...given };
  const groupOrder = Array.isArray(options.groupOrder) ? options.groupOrder : DEFAULT_GROUP_ORDER;
  const rank = new Map<string, number>();
  for (const group of groupOrder) {
    const keys = typeof group === 'string' && Object.hasOwn(groups, group) ? groups[group] : undefined;
    if (!Array.isArray(keys)) continue;
    for (const key of keys) if (typeof key === 'string' && !rank.has(key)) rank.set(key, rank.size);
  }
  const unlisted = rank.size;
  return (a, b) => {
    const x = rank.get(a) ?? unlisted;
    const y = rank.get(b) ?? unlisted;
    if (x !== y) return x - y;
    return x === unlisted ? compareNames(a, b) : 0;
  };
}

const defaultOptions: ServiceKeysOrderOptions = { groups: { ...DEFAULT_GROUPS } as Record<string, string[]>, groupOrder: [...DEFAULT_GROUP_ORDER] };

export const serviceKeysOrder = defineRule({
  meta: {
    id: 'service-keys-order',
    description:
      'The keys of each service follow one order: image and build first, then dependencies, data, environment, networking, runtime, metadata and security keys.',
    severity: 'warning',
    fixable: true,
    category: 'style',
    peers: ['dclint service-keys-order'],
    optionsSchema,
    messages: {
      outOfOrder: 'Key "{{key}}" of service "{{service}}" should come before "{{before}}".',
    },
  },
  defaultOptions,
  check(context) {
    const compare = keyComparator(context.options);
    for (const written of writtenDocuments(context.project)) {
      for (const service of writtenServices(written)) {
        const map = service.map;
        if (!map) continue;
        // Merge keys (`<<: *base`) take no part and stay where they are.
        const keys = map.items.map((p) => keyOf(p));
        const wrong = misplaced(keys, compare);
        if (wrong.length === 0) continue;
        const edits = reorderItems(written.source.file.text, written.doc, map, sortedOrder(keys, compare));
        const fix = edits && edits.length > 0 ? { edits } : undefined;
        for (const { index, before } of wrong) {
          const at = locIn(written.source, map.items[index]);
          if (!at) continue;
          context.report({
            messageId: 'outOfOrder',
            data: { key: keys[index]!, service: service.name, before: keys[before]! },
            at,
            service: service.name,
            fix,
          });
        }
      }
    }
  },
});
