import { defineRule, getPair, isSeq, str, services, yamlEditorFor, type Fix, type Pair, type Project } from '@composure/core/rule-kit';
import { isSeq as isYamlSeq } from 'yaml';
import { setEntryFix } from '../suggest.js';

export const requireCapDropAll = defineRule({
  meta: {
    id: 'require-cap-drop-all',
    description: 'Services should drop every capability (`cap_drop: [ALL]`) and add back only those they need.',
    severity: 'info',
    category: 'security',
    oncePerPlace: true,
    peers: ['KICS', 'compose-lint CL-0006'],
    hasSuggestions: true,
    messages: {
      dropAll: 'Drop ALL capabilities',
      capDropWithoutAll: `Service "{{service}}" has a cap_drop without ALL, so it keeps the rest of Docker's default capabilities; drop ALL and add back with cap_add only those it needs.`,
      noCapDrop: `Service "{{service}}" keeps Docker's default capabilities (CHOWN, DAC_OVERRIDE, FOWNER, NET_RAW, SETUID, SETGID…); add cap_drop: [ALL] and add back with cap_add only those it needs.`,
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      const pair = getPair(service.node, 'cap_drop');
      // Docker matches ALL in any case (but not CAP_ALL).
      const dropsAll = isSeq(pair?.value) && pair.value.items.some((item) => str(item)?.trim().toUpperCase() === 'ALL');
      if (dropsAll) continue;
      const at = pair ?? service.pair;
      context.report({
        messageId: pair ? 'capDropWithoutAll' : 'noCapDrop',
        data: { service: service.name },
        at,
        service: service.name,
        // A suggestion: a service that needs one of the defaults stops working until it is added back.
        suggest: suggestion(
          pair ? appendAll(context.project, pair) : setEntryFix(context.project, service.pair, 'cap_drop', ['ALL'], service.pair.key.loc?.file),
        ),
      });
    }
  },
});

function suggestion(fix: Fix | undefined) {
  return fix ? [{ messageId: 'dropAll' as const, fix }] : undefined;
}

/** `ALL` added to the cap_drop list where it is written. */
function appendAll(project: Project, pair: Pair): Fix | undefined {
  const loc = pair.value.loc;
  const editor = loc && yamlEditorFor(project, loc.file);
  const seq = loc && editor?.nodeAt(loc);
  if (!editor || !isYamlSeq(seq) || editor.isShared(seq) || loc.file !== pair.key.loc?.file) return undefined;
  const edits = editor.appendItem(seq, 'ALL');
  return edits?.length ? { edits } : undefined;
}
