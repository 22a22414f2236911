/**
 * Document symbols: the services, networks and volumes a compose file declares, each under
 * its section, from the text alone (a file that does not load still has an outline).
 */
import { isMap, isPair, isScalar, parseAllDocuments, type Pair } from 'yaml';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { SourceFile } from '@composure/core';
import { rangeOf } from '../convert.js';

const SECTIONS: Record<string, { kind: SymbolKind; detail: string }> = {
  services: { kind: SymbolKind.Class, detail: 'service' },
  networks: { kind: SymbolKind.Interface, detail: 'network' },
  volumes: { kind: SymbolKind.Field, detail: 'volume' },
};

function span(file: SourceFile, node: { range?: [number, number, number] | null } | null | undefined, fallback: number): [number, number] {
  const range = node?.range;
  return range ? [range[0], range[2]] : [fallback, fallback];
}

export function documentSymbols(file: SourceFile): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  let documents;
  try {
    documents = parseAllDocuments(file.text);
  } catch {
    return [];
  }
  if (!Array.isArray(documents)) return [];
  for (const document of documents) {
    const root = document.contents;
    if (!isMap(root)) continue;
    for (const section of root.items as Pair[]) {
      if (!isPair(section) || !isScalar(section.key) || !section.key.range) continue;
      const name = String(section.key.value);
      const info = SECTIONS[name];
      if (!info) continue;
      const children: DocumentSymbol[] = [];
      if (isMap(section.value)) {
        for (const entry of section.value.items as Pair[]) {
          if (!isPair(entry) || !isScalar(entry.key) || !entry.key.range) continue;
          const [keyStart, keyEnd] = [entry.key.range[0], entry.key.range[1]];
          const end = Math.max(keyEnd, span(file, entry.value as never, keyEnd)[1]);
          children.push({
            name: String(entry.key.value),
            detail: info.detail,
            kind: info.kind,
            range: rangeOf(file, keyStart, end),
            selectionRange: rangeOf(file, keyStart, keyEnd),
          });
        }
      }
      const [keyStart, keyEnd] = [section.key.range[0], section.key.range[1]];
      const end = Math.max(keyEnd, span(file, section.value as never, keyEnd)[1]);
      out.push({ name, kind: SymbolKind.Namespace, range: rangeOf(file, keyStart, end), selectionRange: rangeOf(file, keyStart, keyEnd), children });
    }
  }
  return out;
}
