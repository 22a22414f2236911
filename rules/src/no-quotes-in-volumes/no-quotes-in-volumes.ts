import { defineRule, yamlEditorFor } from '@composure/core/rule-kit';
import { isScalar, isSeq, Scalar, type YAMLSeq } from 'yaml';
import { writtenServiceValues } from '../written-yaml.js';

/** Whether a value reads back the same written without quotes (in YAML 1.1 and 1.2 readers). */
function plainWritable(editor: NonNullable<ReturnType<typeof yamlEditorFor>>, value: string, flow: boolean): boolean {
  // An alias or anchor sign first (`*.conf:/conf`) never reads back as the text.
  if (/^[*&!]/.test(value)) return false;
  try {
    return editor.renderScalar(value, 'plain', flow) === value;
  } catch {
    return false;
  }
}

export const noQuotesInVolumes = defineRule({
  meta: {
    id: 'no-quotes-in-volumes',
    description: 'Short-syntax volumes of a service are written without quotes where YAML does not need them.',
    severity: 'warning',
    fixable: true,
    category: 'style',
    peers: ['dclint no-quotes-in-volumes'],
    messages: {
      needlessQuotes: 'The volume "{{volume}}" of service "{{service}}" is quoted without need: write it without quotes.',
    },
  },
  check(context) {
    for (const { written, service, value: volumes } of writtenServiceValues(context.project, 'volumes')) {
      if (!isSeq(volumes)) continue;
      const list = volumes as YAMLSeq<unknown>;
      // Long-syntax mappings and aliases are left alone.
      for (const item of list.items) {
        if (!isScalar(item) || typeof item.value !== 'string' || !item.range) continue;
        if (item.type !== Scalar.QUOTE_SINGLE && item.type !== Scalar.QUOTE_DOUBLE) continue;
        const value = item.value;
        // Quotes a plain scalar cannot do without (`: `, ` #`, a leading `*`, `yes` for YAML 1.1 readers…) are kept.
        const editor = yamlEditorFor(context.project, written.source.file.path);
        if (!editor || !plainWritable(editor, value, !!list.flow)) continue;
        const [start, end] = item.range;
        context.report({
          messageId: 'needlessQuotes',
          data: { volume: value, service: service.name },
          at: written.source.file.loc(start, end),
          service: service.name,
          fix: { edits: [{ start, end, text: value }] },
        });
      }
    }
  },
});
