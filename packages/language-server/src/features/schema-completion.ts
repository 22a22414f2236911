/**
 * Completion and hover from Compose's schema (core's vendored compose-spec): every key a mapping
 * allows, with its description, and every value a key enumerates; snippets for the shapes typed
 * most (published ports, a healthcheck, networks with aliases).
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver';
import { schemaKeysAt, type SchemaKey } from '@composure/core';

const TYPE_WORDS: Record<string, string> = {
  string: 'string',
  number: 'number',
  integer: 'integer',
  boolean: 'boolean',
  object: 'mapping',
  array: 'list',
  null: 'empty',
};

/** A key's documentation: its description, the types it takes, its values. */
export function keyDocumentation(key: SchemaKey): string {
  const lines = [key.description ?? `\`${key.name}\``];
  const types = key.types.filter((t) => t !== 'null').map((t) => TYPE_WORDS[t] ?? t);
  if (types.length > 0) lines.push('', `Type: ${[...new Set(types)].join(' or ')}`);
  if (key.values.length > 0) lines.push('', `Values: ${key.values.map((v) => `\`${v}\``).join(', ')}`);
  if (key.deprecated) lines.push('', 'Deprecated.');
  return lines.join('\n');
}

/** What is typed after a key: a mapping or a list opens a block, anything else a value on the line. */
function keyInsertText(key: SchemaKey, indent: string): string {
  const block = key.types.includes('object') || (key.types.includes('array') && !key.types.includes('string'));
  return block ? `${key.name}:\n${indent}  ` : `${key.name}: `;
}

/** Snippets for a service's common shapes, offered beside the plain keys. */
const SERVICE_SNIPPETS: { label: string; key: string; detail: string; body: string[] }[] = [
  {
    label: 'ports (published on this host only)',
    key: 'ports',
    detail: 'a port published on 127.0.0.1',
    body: ['ports:', '  - "127.0.0.1:${1:8080}:${2:80}"'],
  },
  {
    label: 'healthcheck',
    key: 'healthcheck',
    detail: 'test, interval, timeout, retries, start period',
    body: [
      'healthcheck:',
      '  test: ["CMD", "${1:curl}", "-f", "${2:http://localhost/}"]',
      '  interval: ${3:30s}',
      '  timeout: ${4:5s}',
      '  retries: ${5:3}',
      '  start_period: ${6:10s}',
    ],
  },
  {
    label: 'networks (with aliases)',
    key: 'networks',
    detail: 'a network, with the names the service answers to on it',
    body: ['networks:', '  ${1:network}:', '    aliases:', '      - ${2:alias}'],
  },
];

/** Keys the mapping at `schemaPath` allows and does not hold yet. */
export function keyItems(schemaPath: readonly string[], present: ReadonlySet<string>, range: Range, indent: string): CompletionItem[] {
  const keys = schemaKeysAt(schemaPath).filter((k) => !present.has(k.name));
  const items: CompletionItem[] = keys.map((key, i) => ({
    label: key.name,
    kind: CompletionItemKind.Property,
    detail:
      key.types
        .filter((t) => t !== 'null')
        .map((t) => TYPE_WORDS[t] ?? t)
        .join(' | ') || undefined,
    documentation: { kind: MarkupKind.Markdown, value: keyDocumentation(key) },
    textEdit: { range, newText: keyInsertText(key, indent) },
    sortText: String(i).padStart(3, '0'),
    ...(key.deprecated && { tags: [1] }),
  }));
  if (schemaPath.length === 2 && schemaPath[0] === 'services') {
    for (const snippet of SERVICE_SNIPPETS) {
      if (present.has(snippet.key)) continue;
      items.push({
        label: snippet.label,
        kind: CompletionItemKind.Snippet,
        detail: snippet.detail,
        filterText: snippet.key,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: snippet.body.map((line, i) => (i === 0 ? line : indent + line)).join('\n') },
        sortText: `${String(keys.findIndex((k) => k.name === snippet.key)).padStart(3, '0')}~`,
      });
    }
  }
  return items;
}

/** The values the key `key` of the mapping at `schemaPath` enumerates (booleans for a boolean). */
export function valueItems(schemaPath: readonly string[], key: string, range: Range): CompletionItem[] {
  const found = schemaKeysAt(schemaPath).find((k) => k.name === key);
  if (!found) return [];
  const values = [...found.values, ...(found.types.includes('boolean') && found.values.length === 0 ? ['true', 'false'] : [])];
  return values.map((value) => ({
    label: value,
    kind: CompletionItemKind.EnumMember,
    detail: key,
    documentation: found.description ? { kind: MarkupKind.Markdown, value: found.description } : undefined,
    textEdit: { range, newText: value },
  }));
}

/** The schema's documentation of the key at the end of a path (the mapping's path, then the key). */
export function schemaKey(schemaPath: readonly string[], key: string): SchemaKey | undefined {
  return schemaKeysAt(schemaPath).find((k) => k.name === key);
}
