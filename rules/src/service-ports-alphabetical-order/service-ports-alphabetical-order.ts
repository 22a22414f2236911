import { defineRule, followAlias, reorderItems } from '@composure/core/rule-kit';
import { isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import { compareNatural, keyOf, locIn, misplaced, sortedOrder, writtenServiceValues } from '../written-yaml.js';

/** A port entry as the rule sorts it: by `key` (the published port, else the container port); `text` names it; `at` is where to report. */
interface PortEntry {
  key: string;
  text: string;
  at: unknown;
}

/** Splits `[host_ip:][published:]target` at the colons outside brackets and braces (`[::1]:8080:80`, `${PORT:-80}:80`). */
function splitSpec(spec: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of spec) {
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    if (c === ':' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** The sort key of a short-syntax port: its published port, or its container port when none is published. */
export function shortPortKey(spec: string): string {
  const slash = spec.lastIndexOf('/');
  const parts = splitSpec(slash === -1 ? spec : spec.slice(0, slash));
  const target = parts[parts.length - 1];
  const published = parts.length >= 2 ? parts[parts.length - 2] : '';
  return (published !== '' ? published : target).trim();
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

/** A port entry, undefined for one that keeps its place: not a port, or sorted by a variable whose value is unknown here. */
function portEntry(item: unknown, doc: Parameters<typeof followAlias>[0]): PortEntry | undefined {
  const entry = describeEntry(item, doc);
  return entry && !entry.key.includes('$') ? entry : undefined;
}

function describeEntry(item: unknown, doc: Parameters<typeof followAlias>[0]): PortEntry | undefined {
  const node = followAlias(doc, item);
  const short = scalarText(node);
  if (short !== undefined) return { key: shortPortKey(short), text: short, at: item };
  if (!isMap(node)) return undefined;
  const map = node as YAMLMap<unknown, unknown>;
  const field = (name: string) => map.items.find((p) => keyOf(p) === name)?.value;
  const published = scalarText(field('published'));
  const target = scalarText(field('target'));
  const protocol = scalarText(field('protocol'));
  if (published === undefined && target === undefined) return undefined;
  const text = [published, target].filter((p) => p !== undefined && p !== '').join(':') + (protocol && protocol !== 'tcp' ? `/${protocol}` : '');
  // Report at the value the entry is sorted by, where the item itself is written (not through an alias).
  const at = item === node ? (published !== undefined && published !== '' ? field('published') : field('target')) : item;
  return { key: published !== undefined && published !== '' ? published : (target ?? ''), text, at };
}

const compareEntries = (a: PortEntry, b: PortEntry) => compareNatural(a.key, b.key);

export const servicePortsAlphabeticalOrder = defineRule({
  meta: {
    id: 'service-ports-alphabetical-order',
    description: 'The ports of a service are listed in ascending order of their published port.',
    severity: 'warning',
    fixable: true,
    category: 'style',
    peers: ['dclint service-ports-alphabetical-order'],
    messages: {
      outOfOrder: 'In the ports of service "{{service}}", "{{port}}" should come before "{{before}}": keep ports in ascending order.',
    },
  },
  check(context) {
    for (const { written, service, value: ports } of writtenServiceValues(context.project, 'ports')) {
      if (!isSeq(ports)) continue;
      const list = ports as YAMLSeq<unknown>;
      const entries = list.items.map((item) => portEntry(item, written.doc));
      const wrong = misplaced(entries, compareEntries);
      if (wrong.length === 0) continue;
      const edits = reorderItems(written.source.file.text, written.doc, list, sortedOrder(entries, compareEntries));
      const fix = edits && edits.length > 0 ? { edits } : undefined;
      for (const { index, before } of wrong) {
        const entry = entries[index]!;
        const at = locIn(written.source, entry.at);
        if (!at) continue;
        context.report({
          messageId: 'outOfOrder',
          data: { service: service.name, port: entry.text, before: entries[before]!.text },
          at,
          service: service.name,
          fix,
        });
      }
    }
  },
});
