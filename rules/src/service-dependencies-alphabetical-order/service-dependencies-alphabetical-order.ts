import { defineRule, reorderItems } from '@composure/core/rule-kit';
import { isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import { compareNames, keyOf, locIn, misplaced, sortedOrder, writtenServiceValues } from '../written-yaml.js';

/** The service a `depends_on` item names: a list item's string, a mapping entry's key. */
function dependencyName(item: unknown, inMap: boolean): string | undefined {
  if (inMap) return keyOf(item as never);
  return isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number') ? String(item.value) : undefined;
}

export const serviceDependenciesAlphabeticalOrder = defineRule({
  meta: {
    id: 'service-dependencies-alphabetical-order',
    description: 'The services a service `depends_on` are listed in alphabetical order.',
    severity: 'warning',
    fixable: true,
    category: 'style',
    peers: ['dclint service-dependencies-alphabetical-order'],
    messages: {
      outOfOrder: 'In the depends_on of service "{{service}}", "{{dependency}}" should come before "{{before}}": keep dependencies in alphabetical order.',
    },
  },
  check(context) {
    for (const { written, service, value: dependsOn } of writtenServiceValues(context.project, 'depends_on')) {
      if (!isSeq(dependsOn) && !isMap(dependsOn)) continue;
      const list = dependsOn as YAMLSeq<unknown> | YAMLMap<unknown, unknown>;
      const items = list.items as unknown[];
      const names = items.map((item) => dependencyName(item, isMap(list)));
      const wrong = misplaced(names, compareNames);
      if (wrong.length === 0) continue;
      const edits = reorderItems(written.source.file.text, written.doc, list, sortedOrder(names, compareNames));
      const fix = edits && edits.length > 0 ? { edits } : undefined;
      for (const { index, before } of wrong) {
        const at = locIn(written.source, items[index]);
        if (!at) continue;
        context.report({
          messageId: 'outOfOrder',
          data: { service: service.name, dependency: names[index]!, before: names[before]! },
          at,
          service: service.name,
          fix,
        });
      }
    }
  },
});
