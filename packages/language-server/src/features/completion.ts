/**
 * Completion, from where the cursor is in the YAML as typed (the text need not parse):
 * network names in a service's `networks`; service names in `depends_on`, `links`,
 * `volumes_from`, `extends` (`service`) and `network_mode: service:`; rule ids in
 * `# composure-…` directives and in `.composure.yaml` (`rules:` keys, `exclude: - rule:`).
 */
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { topologyOf, type Analysis, type SourceFile } from '@composure/core';
import { rules } from '@composure/rules';
import { offsetAt, rangeOf } from '../convert.js';
import { declared, projectIndex, textIndex } from './names.js';

export interface YamlContext {
  /** Keys of the mappings the cursor is in, outermost first. */
  path: string[];
  /** The key written on the cursor's line when the cursor is in its value. */
  key?: string;
  /** The cursor's line is a block sequence item (`- …`). */
  listItem: boolean;
  /** Inside a flow sequence (`key: [a, b, |`) on the key's line. */
  flow: boolean;
  /** What is typed of the current word (a name, or a value), and where it starts. */
  prefix: string;
  prefixStart: number;
  /** In a `# composure-…` directive, after its keyword. */
  directive: boolean;
}

const DIRECTIVE_PREFIX = /(?:^|\s)#\s*composure-(?:disable-next-line|disable-line|disable-file|disable|enable)((?:[\s,]+[a-z0-9-]*)*)$/;
const KEY_LINE = /^((?:"[^"]*"|'[^']*'|[^\s#'"][^#]*?))\s*:(?:\s+(.*))?$/;

const indentOf = (line: string) => /^ */.exec(line)![0].length;
const unquote = (key: string) => key.replace(/^(["'])(.*)\1$/, '$2');

/** Where the cursor is in a YAML text, from indentation alone. */
export function yamlContextAt(text: string, offset: number): YamlContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset).replace(/\r/g, '');
  const directive = DIRECTIVE_PREFIX.exec(before);
  if (directive && !before.includes(' -- ')) {
    const word = /[a-z0-9-]*$/.exec(before)![0];
    return { path: [], listItem: false, flow: false, prefix: word, prefixStart: offset - word.length, directive: true };
  }
  const indent = indentOf(before);
  const dash = /^( *)-( +|$)/.exec(before);
  const listItem = dash !== null;
  const content = before.slice(dash ? dash[0].length : indent);
  const context: YamlContext = { path: [], listItem, flow: false, prefix: content, prefixStart: offset - content.length, directive: false };
  const keyLine = KEY_LINE.exec(content);
  if (keyLine && keyLine[2] !== undefined) {
    const value = keyLine[2];
    const flowAt = value.lastIndexOf('[');
    if (flowAt >= 0 && !value.slice(flowAt).includes(']')) {
      const word = /[^\s,[\]'"]*$/.exec(value)![0];
      Object.assign(context, { flow: true, prefix: word, prefixStart: offset - word.length });
      context.path.push(unquote(keyLine[1]));
    } else {
      const word = value.replace(/^["']/, '');
      Object.assign(context, { key: unquote(keyLine[1]), prefix: word, prefixStart: offset - word.length });
    }
  } else if (keyLine) {
    // `key:` with the cursor right after the colon: a new mapping is starting; nothing to complete.
    Object.assign(context, { key: `\0${unquote(keyLine[1])}`, prefix: '', prefixStart: offset });
  } else {
    const word = content.replace(/^["']/, '');
    Object.assign(context, { prefix: word, prefixStart: offset - word.length });
  }

  // Ancestors: the nearest lines above that are less indented (a list item's parent key may be as indented as its dash).
  const ancestors: string[] = [];
  let threshold = listItem ? dash![1].length : indent;
  let inclusive = listItem;
  let end = lineStart - 1;
  while (end > 0 && threshold > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    if (/^\s*(#.*)?$/.test(line)) continue;
    if (/^(---|\.\.\.)\s*$/.test(line)) break;
    const lineIndent = indentOf(line);
    const itemDash = /^( *)-( +|$)/.exec(line);
    if (itemDash) {
      // An item of the same list is a sibling; an item of an outer list holds us.
      if (lineIndent < threshold || (lineIndent === threshold && !inclusive)) {
        threshold = lineIndent;
        inclusive = true;
      }
      continue;
    }
    if (lineIndent < threshold || (inclusive && lineIndent === threshold)) {
      const match = KEY_LINE.exec(line.slice(lineIndent));
      if (match) ancestors.unshift(unquote(match[1]));
      threshold = lineIndent;
      inclusive = false;
    }
  }
  context.path = [...ancestors, ...context.path];
  return context;
}

export interface CompletionNames {
  services: readonly string[];
  networks: readonly string[];
}

/** The names a compose file offers: those of its analysed project, else those its text declares (it need not load). */
export function completionNames(path: string, text: string, analysis: Analysis | undefined): CompletionNames {
  const index = analysis ? projectIndex(analysis) : textIndex(path, text);
  const networks = new Set(declared(index, 'network'));
  if (analysis) for (const key of topologyOf(analysis.project, analysis.config.engine).networks.keys()) networks.add(key);
  else networks.add('default');
  return { services: declared(index, 'service'), networks: [...networks].sort() };
}

function items(
  names: readonly string[],
  kind: CompletionItemKind,
  detail: string,
  file: SourceFile,
  context: YamlContext,
  offset: number,
  prefix = '',
): CompletionItem[] {
  const range = rangeOf(file, context.prefixStart, offset);
  return names.map((name) => ({ label: prefix + name, kind, detail, textEdit: { range, newText: prefix + name }, filterText: prefix + name }));
}

function ruleItems(file: SourceFile, context: YamlContext, offset: number): CompletionItem[] {
  const range = rangeOf(file, context.prefixStart, offset);
  return rules.map((rule) => ({
    label: rule.meta.id,
    kind: CompletionItemKind.Value,
    detail: rule.meta.description,
    documentation: { kind: 'markdown', value: `${rule.meta.description}\n\n[Documentation](${rule.meta.docsUrl})` },
    textEdit: { range, newText: rule.meta.id },
  }));
}

/** Completion items at a position of a file, given the names its project declares. */
export function completion(file: SourceFile, position: Position, names: CompletionNames, kind: 'compose' | 'config'): CompletionItem[] {
  const offset = offsetAt(file, position);
  const context = yamlContextAt(file.text, offset);
  if (context.directive) return ruleItems(file, context, offset);
  const { path, key } = context;
  if (kind === 'config') {
    if (path.length === 1 && path[0] === 'rules' && key === undefined && !context.listItem) return ruleItems(file, context, offset);
    if (path.length === 1 && path[0] === 'exclude' && key === 'rule') return ruleItems(file, context, offset);
    return [];
  }
  if (path[0] !== 'services' || path.length < 2) return [];
  const service = path[1];
  const others = names.services.filter((s) => s !== service);
  const inList = (name: string) => path.length === 3 && path[2] === name && key === undefined;
  const inFlow = (name: string) => path.length === 3 && path[2] === name && context.flow;
  if (path.length === 2 && key === 'network_mode')
    return items(others, CompletionItemKind.Module, 'service: share its network namespace', file, context, offset, 'service:');
  if (path.length === 2 && key === 'extends') return items(others, CompletionItemKind.Module, 'service', file, context, offset);
  if (path.length === 3 && path[2] === 'extends' && key === 'service') return items(others, CompletionItemKind.Module, 'service', file, context, offset);
  for (const list of ['depends_on', 'links', 'volumes_from']) {
    if (inList(list) || inFlow(list)) return items(others, CompletionItemKind.Module, 'service', file, context, offset);
  }
  if (inList('networks') || inFlow('networks')) return items(names.networks, CompletionItemKind.Interface, 'network', file, context, offset);
  return [];
}
