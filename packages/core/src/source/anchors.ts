import { isAlias, isCollection, isNode, isPair, isScalar, Scalar, type Alias, type Document, type Node as YamlNode } from 'yaml';

/**
 * What each alias of a YAML document names, found in one walk of the document and kept per
 * document: the `yaml` package's `Alias.resolve` walks the whole document for every alias,
 * which costs seconds on a file with a merge key in each of hundreds of services. The loader,
 * the style rules and the language server's name index all follow aliases through this.
 *
 * The rule is the `yaml` package's (and YAML's): an alias names the last node carrying its
 * anchor before it in document order — an anchor may be redefined further down.
 */
const targetsByDocument = new WeakMap<Document, Map<Alias, YamlNode>>();

function targetsOf(doc: Document): Map<Alias, YamlNode> {
  let targets = targetsByDocument.get(doc);
  if (targets) return targets;
  const found = new Map<Alias, YamlNode>();
  const latest = new Map<string, YamlNode>();
  // In document order (a pair's key before its value). Not the yaml package's `visit`, which copies the path at every node.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (isAlias(node)) {
      const target = latest.get(node.source);
      if (target) found.set(node, target);
      continue;
    }
    if (!isNode(node)) continue;
    if (node.anchor) latest.set(node.anchor, node);
    if (isCollection(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
  }
  targetsByDocument.set(doc, (targets = found));
  return targets;
}

/** Drops what was found for a document whose nodes changed (an entry replaced by a part parse): found again when next asked for. */
export function forgetAliasTargets(doc: Document): void {
  targetsByDocument.delete(doc);
}

/** The node an alias names in its document, or undefined when no anchor of that name comes before it. */
export function aliasTarget(doc: Document, alias: Alias): YamlNode | undefined {
  return targetsOf(doc).get(alias);
}

/** A node with aliases followed: itself when it is not an alias, undefined for an alias to nothing. */
export function followAlias(doc: Document, node: unknown): unknown {
  if (!isAlias(node)) return node;
  let at: unknown = node;
  for (let hops = 0; isAlias(at) && hops < 10; hops++) at = aliasTarget(doc, at);
  return isAlias(at) ? undefined : at;
}

/** A `<<` merge key (plain; a quoted '<<' is an ordinary key). */
export function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  if (typeof key.value === 'symbol') return key.value.description === '<<';
  return key.value === '<<' && (key.type === undefined || key.type === Scalar.PLAIN);
}
