import { defineRule } from '@composure/core/rule-kit';
import { isMap, isScalar, type Pair as YamlPair } from 'yaml';

export const noVersionField = defineRule({
  meta: {
    id: 'no-version-field',
    description: 'The top-level `version` key is obsolete: Compose ignores it and warns.',
    severity: 'warning',
    recommended: true,
    fixable: true,
    category: 'hygiene',
    peers: ['dclint no-version-field', 'docker compose (warning)'],
    messages: {
      obsolete: 'The top-level `version` is obsolete: Docker Compose ignores it. Remove it.',
    },
  },
  check(context) {
    for (const source of context.project.sources.values()) {
      const text = source.file.text;
      for (const doc of source.yamlDocuments) {
        if (!isMap(doc.contents)) continue;
        const pair = doc.contents.items.find((p: YamlPair) => isScalar(p.key) && p.key.value === 'version') as YamlPair | undefined;
        const key = pair?.key;
        if (!pair || !isScalar(key) || !key.range) continue;
        const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
        const valueEnd = valueRange ? valueRange[1] : key.range[1];
        // Remove the whole line (or lines) of the pair when nothing else stands on them.
        const lineStart = text.lastIndexOf('\n', key.range[0] - 1) + 1;
        const newline = text.indexOf('\n', valueEnd);
        const lineEnd = newline === -1 ? text.length : newline + 1;
        const alone = text.slice(lineStart, key.range[0]).trim() === '';
        context.report({
          messageId: 'obsolete',
          at: source.file.loc(key.range[0], key.range[1]),
          fix: alone ? { edits: [{ start: lineStart, end: lineEnd, text: '' }] } : undefined,
        });
      }
    }
  },
});
