import { defineRule, reorderItems } from '@composure/core/rule-kit';
import { isMap } from 'yaml';
import { compareNames, keyOf, locIn, misplaced, sortedOrder, writtenDocuments } from '../written-yaml.js';

export const servicesAlphabeticalOrder = defineRule({
  meta: {
    id: 'services-alphabetical-order',
    description: 'Services are listed in alphabetical order in each compose file.',
    severity: 'warning',
    fixable: true,
    category: 'style',
    peers: ['dclint services-alphabetical-order'],
    messages: {
      outOfOrder: 'Service "{{service}}" should come before "{{before}}": keep services in alphabetical order.',
    },
  },
  check(context) {
    for (const written of writtenDocuments(context.project)) {
      const services = written.root.items.find((p) => keyOf(p) === 'services')?.value;
      if (!isMap(services)) continue;
      // Merge keys (`<<: *more`) take no part and stay where they are.
      const names = services.items.map((p) => keyOf(p));
      const wrong = misplaced(names, compareNames);
      if (wrong.length === 0) continue;
      const edits = reorderItems(written.source.file.text, written.doc, services, sortedOrder(names, compareNames));
      const fix = edits && edits.length > 0 ? { edits } : undefined;
      for (const { index, before } of wrong) {
        const at = locIn(written.source, services.items[index]);
        if (!at) continue;
        const name = names[index]!;
        context.report({ messageId: 'outOfOrder', data: { service: name, before: names[before]! }, at, service: name, fix });
      }
    }
  },
});
