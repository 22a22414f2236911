/**
 * Completion, from where the cursor is in the YAML as typed (the text need not parse): the names
 * a project declares wherever one is referenced — services in `depends_on`, `links`,
 * `volumes_from`, `extends` and `network_mode`/`ipc`/`pid: service:`; networks, volumes, configs
 * and secrets in a service's lists — never one the list already holds; every key and enumerated
 * value of Compose's schema, with its documentation, and snippets (schema-completion.ts); rule
 * ids in `# composure-…` directives and in `.composure.yaml` or `x-composure` (`rules:` keys,
 * `exclude: - rule:`), services in exclusions, and services and `network:NAME` in policy selectors.
 */
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { topologyOf, type Analysis, type SourceFile } from '@composure/core';
import { rules } from '@composure/rules';
import { offsetAt, rangeOf } from '../convert.js';
import { declared, projectIndex, textIndex } from './names.js';
import { keyItems, valueItems } from './schema-completion.js';
import { siblingsAt, yamlContextAt, type YamlContext } from './yaml-context.js';

export { yamlContextAt, type YamlContext } from './yaml-context.js';

export interface CompletionNames {
  services: readonly string[];
  networks: readonly string[];
  volumes: readonly string[];
  configs: readonly string[];
  secrets: readonly string[];
}

/** The names a compose file offers: those of its analysed project, else those its text declares (it need not load). */
export function completionNames(path: string, text: string, analysis: Analysis | undefined): CompletionNames {
  const index = analysis ? projectIndex(analysis) : textIndex(path, text);
  const networks = new Set(declared(index, 'network'));
  if (analysis) for (const key of topologyOf(analysis.project, analysis.config.engine).networks.keys()) networks.add(key);
  else networks.add('default');
  return {
    services: declared(index, 'service'),
    networks: [...networks].sort(),
    volumes: declared(index, 'volume'),
    configs: declared(index, 'config'),
    secrets: declared(index, 'secret'),
  };
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

/** Lists of a service that name something declared elsewhere, and what they name. */
const NAME_LISTS: Record<string, { of: keyof CompletionNames; kind: CompletionItemKind; detail: string }> = {
  depends_on: { of: 'services', kind: CompletionItemKind.Module, detail: 'service' },
  links: { of: 'services', kind: CompletionItemKind.Module, detail: 'service' },
  volumes_from: { of: 'services', kind: CompletionItemKind.Module, detail: 'service' },
  networks: { of: 'networks', kind: CompletionItemKind.Interface, detail: 'network' },
  volumes: { of: 'volumes', kind: CompletionItemKind.Folder, detail: 'volume' },
  configs: { of: 'configs', kind: CompletionItemKind.File, detail: 'config' },
  secrets: { of: 'secrets', kind: CompletionItemKind.File, detail: 'secret' },
};

/** Names at a reference to one, undefined when the cursor is at no reference. */
function nameItems(file: SourceFile, context: YamlContext, offset: number, names: CompletionNames): CompletionItem[] | undefined {
  const { path, key } = context;
  if (path[0] !== 'services' || path.length < 2) return undefined;
  const service = path[1];
  const others = names.services.filter((s) => s !== service);
  const module = CompletionItemKind.Module;
  if (path.length === 2 && (key === 'network_mode' || key === 'ipc' || key === 'pid')) {
    const shared = items(others, module, 'service: share its namespace', file, context, offset, 'service:');
    // Once `service:` is typed, a network's name no longer fits.
    const networks = key === 'network_mode' && !context.prefix.startsWith('service:');
    return networks ? [...shared, ...items(names.networks, CompletionItemKind.Interface, 'network', file, context, offset)] : shared;
  }
  if (path.length === 2 && key === 'extends') return items(others, module, 'service', file, context, offset);
  if (path.length === 3 && path[2] === 'extends' && key === 'service') return items(others, module, 'service', file, context, offset);
  const list = path.length === 3 ? NAME_LISTS[path[2]] : undefined;
  const longSyntaxSource = path.length === 3 && ['volumes', 'configs', 'secrets'].includes(path[2]) && key === 'source';
  if (list && (longSyntaxSource || (key === undefined && (context.listItem || context.flow || !['volumes', 'configs', 'secrets'].includes(path[2]))))) {
    // A volume's short syntax names the volume before the `:`; once a `:` is typed, the rest is a path.
    if (path[2] === 'volumes' && context.prefix.includes(':')) return [];
    const listed = siblingsAt(file.text, offset, context);
    const offered = (list.of === 'services' ? others : names[list.of]).filter((name) => !listed.has(name));
    return items(offered, list.kind, list.detail, file, context, offset);
  }
  return undefined;
}

/** Completion items at a position of a file, given the names its project declares. */
export function completion(file: SourceFile, position: Position, names: CompletionNames, kind: 'compose' | 'config'): CompletionItem[] {
  const offset = offsetAt(file, position);
  const context = yamlContextAt(file.text, offset);
  if (context.directive) return ruleItems(file, context, offset);
  const { path, key } = context;
  if (kind === 'config' || path[0] === 'x-composure') {
    const config = kind === 'config' ? path : path.slice(1);
    if (config.length === 1 && config[0] === 'rules' && key === undefined && !context.listItem) return ruleItems(file, context, offset);
    if (config.length === 1 && config[0] === 'exclude' && key === 'rule') return ruleItems(file, context, offset);
    if (config.length === 1 && config[0] === 'exclude' && key === 'service')
      return items(names.services, CompletionItemKind.Module, 'service', file, context, offset);
    // A policy's selectors (`from`, `to`, or an item of their lists): a service, or `network:NAME`.
    const selector = config[0] === 'policies' && (key === 'from' || key === 'to' || (key === undefined && ['from', 'to'].includes(config[config.length - 1])));
    if (selector) {
      const listed = key === undefined ? siblingsAt(file.text, offset, context, false) : new Set<string>();
      return [
        ...items(names.services, CompletionItemKind.Module, 'service', file, context, offset),
        ...items(names.networks, CompletionItemKind.Interface, 'network', file, context, offset, 'network:'),
      ].filter((item) => !listed.has(item.label));
    }
    return [];
  }
  const named = nameItems(file, context, offset, names);
  if (named) return named;
  if (path.some((segment) => segment.startsWith('x-'))) return [];
  const range = rangeOf(file, context.prefixStart, offset);
  if (key === undefined && !context.flow && !/[:\s]/.test(context.prefix)) {
    return keyItems(context.schemaPath, siblingsAt(file.text, offset, context), range, ' '.repeat(context.column));
  }
  if (key !== undefined && !key.startsWith('\0')) return valueItems(context.schemaPath, key, range);
  return [];
}
