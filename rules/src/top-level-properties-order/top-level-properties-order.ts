import { defineRule, reorderItems } from '@composure/core/rule-kit';
import { keyOf, locIn, misplaced, sortedOrder, writtenDocuments } from '../written-yaml.js';
import optionsSchema from './options.schema.json' with { type: 'json' };

export interface TopLevelPropertiesOrderOptions {
  /** The order of the top-level keys; `x-properties` stands for every `x-` key. */
  customOrder: string[];
}

/** The entry of `customOrder` that stands for every extension (`x-…`) key. */
export const EXTENSIONS = 'x-properties';

/** dclint's order, with `models` (which dclint does not know) last. */
export const DEFAULT_ORDER: readonly string[] = [EXTENSIONS, 'version', 'name', 'include', 'services', 'networks', 'volumes', 'secrets', 'configs', 'models'];

/** A comparison of top-level keys by their place in `order`; keys it does not list come last, in the order written. */
export function topLevelComparator(order: readonly string[]): (a: string, b: string) => number {
  const rank = new Map<string, number>();
  for (const key of order) if (typeof key === 'string' && !rank.has(key)) rank.set(key, rank.size);
  const unlisted = rank.size;
  const rankOf = (key: string) => rank.get(key.startsWith('x-') ? EXTENSIONS : key) ?? unlisted;
  return (a, b) => rankOf(a) - rankOf(b);
}

const defaultOptions: TopLevelPropertiesOrderOptions = { customOrder: [...DEFAULT_ORDER] };

export const topLevelPropertiesOrder = defineRule({
  meta: {
    id: 'top-level-properties-order',
    description: 'The top-level keys of a compose file follow one order: extensions, version, name, include, services, networks, volumes, secrets, configs.',
    severity: 'warning',
    fixable: true,
    category: 'style',
    peers: ['dclint top-level-properties-order'],
    optionsSchema,
    messages: {
      outOfOrder: 'The top-level "{{key}}" should come before "{{before}}" (the order is {{order}}).',
    },
  },
  defaultOptions,
  check(context) {
    const order = Array.isArray(context.options.customOrder)
      ? context.options.customOrder.filter((k): k is string => typeof k === 'string')
      : [...DEFAULT_ORDER];
    const compare = topLevelComparator(order);
    const shown = order.map((k) => (k === EXTENSIONS ? 'x-*' : k)).join(', ');
    for (const written of writtenDocuments(context.project)) {
      const root = written.root;
      // Merge keys take no part and stay where they are.
      const keys = root.items.map((p) => keyOf(p));
      const wrong = misplaced(keys, compare);
      if (wrong.length === 0) continue;
      const edits = reorderItems(written.source.file.text, written.doc, root, sortedOrder(keys, compare));
      const fix = edits && edits.length > 0 ? { edits } : undefined;
      for (const { index, before } of wrong) {
        const at = locIn(written.source, root.items[index]);
        if (!at) continue;
        context.report({ messageId: 'outOfOrder', data: { key: keys[index]!, before: keys[before]!, order: shown }, at, fix });
      }
    }
  },
});
