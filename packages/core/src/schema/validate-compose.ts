/**
 * Validates a Compose document against the canonical compose-go schema and
 * turns every violation into a diagnostic at the exact YAML node, in plain words.
 *
 * The validator is Ajv standalone code compiled once at build time
 * (scripts/build-schemas.mjs), so no schema is compiled at run time.
 */
import validate, { type SchemaError } from '../../generated/compose-validator.js';
import type { Diagnostic, Suggestion } from '../source/diagnostic.js';
import { getPair, toJS, type Loc, type Node } from '../source/node.js';
import { keyRulesAt } from './compose-schema.js';
import { brief, closestMatch, describeNode, didYouMean, expectedTypes, formatPath, replacementSuggestion, subject, type PathSegment } from './describe.js';
import { PULL_POLICY_EXPECTATION } from './prose-checks.js';

const RULE_ID = 'compose-schema';

/** Every schema violation of one Compose document (the root of its located tree). */
export function validateCompose(root: Node): Diagnostic[] {
  const data = toJS(root);
  if (validate(data)) return [];
  // The validator keeps its errors on itself: copy them before anything else validates.
  const errors = [...(validate.errors ?? [])];
  const reduced = dropRedundantEnumErrors(reduceAlternatives(errors, root));
  return uniqueSorted(reduced.map((error) => toDiagnostic(error, { root, data })));
}

interface Context {
  root: Node;
  /** The plain value the validator saw, for schema lookups of unknown keys. */
  data: unknown;
}

// ---------------------------------------------------------------------------
// Noise reduction for oneOf/anyOf
// ---------------------------------------------------------------------------

/**
 * With `allErrors`, a failed oneOf reports the errors of every branch, then
 * itself. Ajv emits them in that order, so the errors just before a oneOf
 * error that concern its value (or values inside it) are its branches' errors;
 * nested alternatives are reduced first because they come first.
 * (This relies on no Compose schema object pairing oneOf with other
 * assertions on the same value, which holds for the compose-go schema.)
 */
function reduceAlternatives(errors: readonly SchemaError[], root: Node): SchemaError[] {
  const kept: SchemaError[] = [];
  for (const error of errors) {
    if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') {
      kept.push(error);
      continue;
    }
    const branchErrors = popErrorsWithin(kept, error.instancePath);
    kept.push(...intendedBranchErrors(error, branchErrors, nodeAt(root, error.instancePath)));
  }
  return kept;
}

function popErrorsWithin(errors: SchemaError[], instancePath: string): SchemaError[] {
  const popped: SchemaError[] = [];
  while (errors.length > 0 && isWithin(errors[errors.length - 1].instancePath, instancePath)) popped.unshift(errors.pop()!);
  return popped;
}

function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

/**
 * The errors of the branch the user evidently meant. A branch whose type the
 * value does not have fails with a type error at the value itself (and maybe an
 * enum/const error there, which is noise); a branch whose type fits fails with
 * anything else. When some branch fits, its errors are the useful ones; when
 * none fits, one "must be a … or a …" error lists the branches' types.
 */
function intendedBranchErrors(alternative: SchemaError, branchErrors: SchemaError[], value: Node | undefined): SchemaError[] {
  if (Array.isArray(alternative.params.passingSchemas)) return [alternative]; // valid in more than one form
  const here = alternative.instancePath;
  const typeMismatches = branchErrors.filter((e) => e.instancePath === here && e.keyword === 'type');
  const meaningful = branchErrors.filter((e) => !(e.instancePath === here && (e.keyword === 'type' || isEnumOfAnotherType(e, value))));
  if (meaningful.length > 0) return meaningful;
  const types = typeMismatches.flatMap((e) => typesOf(e));
  return [{ keyword: 'type', instancePath: here, schemaPath: alternative.schemaPath, params: { type: types } }];
}

function typesOf(error: SchemaError): string[] {
  const type = error.params.type as string | string[];
  return Array.isArray(type) ? type : [type];
}

/** An enum/const of strings checked against a number (say) only repeats that the type is wrong. */
function isEnumOfAnotherType(error: SchemaError, value: Node | undefined): boolean {
  if (error.keyword !== 'enum' && error.keyword !== 'const') return false;
  const allowed: unknown[] = error.keyword === 'enum' ? (error.params.allowedValues as unknown[]) : [error.params.allowedValue];
  const actual = value?.kind === 'scalar' ? value.value : undefined;
  return value?.kind !== 'scalar' || !allowed.some((a) => typeof a === typeof actual && (a === null) === (actual === null));
}

/** `cgroup: 5` fails both `type: string` and the enum: the type error says it all. */
function dropRedundantEnumErrors(errors: SchemaError[]): SchemaError[] {
  const typeErrorPaths = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  return errors.filter((e) => !((e.keyword === 'enum' || e.keyword === 'const') && typeErrorPaths.has(e.instancePath)));
}

// ---------------------------------------------------------------------------
// Messages and locations
// ---------------------------------------------------------------------------

function toDiagnostic(error: SchemaError, context: Context): Diagnostic {
  const path = pathOf(context.root, error.instancePath);
  const { message, at, suggestions } = describeError(error, path, context);
  return { ruleId: RULE_ID, severity: 'error', message, loc: at, ...(suggestions ? { suggestions } : {}) };
}

function describeError(error: SchemaError, path: PathSegment[], context: Context): { message: string; at: Loc; suggestions?: Suggestion[] } {
  const { root } = context;
  const params = error.params;
  const what = subject(path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const at = keyLoc(root, [...path, key]);
      const { message, match } = unknownKey(key, path, context);
      // A key meant that is written already: renaming this one would repeat it (a duplicate key).
      const parent = nodesAlong(root, path)[path.length];
      const taken = match !== undefined && parent?.kind === 'map' && parent.entries.has(match);
      return { message, at, suggestions: taken ? undefined : replacementSuggestion(key, match, at) };
    }
    case 'required':
      return { message: `${what} is missing the required key "${params.missingProperty}".`, at: keyLoc(root, path) };
    case 'type':
      return { message: `${what} must be ${expectedTypes(typesOf(error))}${actualSuffix(nodeAt(root, error.instancePath))}.`, at: valueLoc(root, path) };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const value = nodeAt(root, error.instancePath);
      const written = value?.kind === 'scalar' ? String(value.value) : '';
      const message =
        allowed.length === 1
          ? `${what} must be "${allowed[0]}".`
          : `${what} must be one of: ${allowed.join(', ')}${value?.kind === 'scalar' ? `, not ${JSON.stringify(written)}` : ''}${didYouMean(written, allowed) || '.'}`;
      const at = valueLoc(root, path);
      return { message, at, suggestions: value?.kind === 'scalar' ? replacementSuggestion(written, closestMatch(written, allowed), at) : undefined };
    }
    case 'const':
      return { message: `${what} must be ${JSON.stringify(params.allowedValue)}.`, at: valueLoc(root, path) };
    case 'pattern':
      return { message: `${what} ${patternExpectation(String(params.pattern))}.`, at: valueLoc(root, path) };
    case 'format':
      return { message: `${what} must be a valid ${params.format}.`, at: valueLoc(root, path) };
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return { message: `${what} must be ${boundPhrase(String(params.comparison))} ${params.limit}.`, at: valueLoc(root, path) };
    case 'uniqueItems':
      return duplicateItem(error, path, root);
    case 'oneOf':
    case 'anyOf':
      return { message: `${what} matches more than one of its allowed forms; make it unambiguous.`, at: valueLoc(root, path) };
    default:
      return { message: `${what} ${error.message ?? `violates "${error.keyword}"`}.`, at: valueLoc(root, path) };
  }
}

const NAME_PATTERN = '^[a-zA-Z0-9._-]+$';

/** Unknown key, misspelled key (with the key meant), or a name (service, volume…) with characters Compose refuses. */
function unknownKey(fullKey: string, path: PathSegment[], context: Context): { message: string; match?: string } {
  const key = brief(fullKey);
  const rules = keyRulesAt(context.data, path.map(String));
  const where = path.length === 0 ? 'top-level key' : 'key';
  const inWhat = path.length === 0 ? '' : ` in ${formatPath(path)}`;
  if (rules.names.length > 0 || rules.patterns.length === 0) {
    const suggestion = didYouMean(fullKey, rules.names);
    const hint = suggestion || (rules.patterns.includes('^x-') ? '; custom keys must start with "x-".' : '.');
    return { message: `Unknown ${where} "${key}"${inWhat}${hint}`, match: closestMatch(fullKey, rules.names) };
  }
  if (rules.patterns.includes(NAME_PATTERN)) {
    return { message: `Invalid name "${key}" in ${formatPath(path)}: names may contain only letters, digits, ".", "_" and "-".` };
  }
  return { message: `Key "${key}" is not allowed in ${formatPath(path)}: keys must match ${rules.patterns.map((p) => `/${p}/`).join(' or ')}.` };
}

/** Plain words for the patterns the Compose schema uses; a regex for any other. */
function patternExpectation(pattern: string): string {
  if (pattern.startsWith('always|never|build')) return PULL_POLICY_EXPECTATION;
  // The container_name pattern is unanchored: any two name characters starting with a letter or digit satisfy it.
  if (pattern === '[a-zA-Z0-9][a-zA-Z0-9_.-]+') return 'must contain a letter or digit followed by letters, digits, "_", "." or "-"';
  return `must match the pattern /${pattern}/`;
}

function boundPhrase(comparison: string): string {
  return { '>=': 'at least', '>': 'greater than', '<=': 'at most', '<': 'less than' }[comparison] ?? comparison;
}

function actualSuffix(node: Node | undefined): string {
  const actual = describeNode(node);
  return actual === 'empty' ? ', but is empty' : `, not ${actual}`;
}

/** Ajv names two identical items (in either order); the later one is the duplicate. */
function duplicateItem(error: SchemaError, path: PathSegment[], root: Node): { message: string; at: Loc } {
  const first = Math.min(Number(error.params.i), Number(error.params.j));
  const second = Math.max(Number(error.params.i), Number(error.params.j));
  return {
    message: `${formatPath([...path, second])} is a duplicate of ${formatPath([...path, first])}; ${formatPath(path)} must not repeat an item.`,
    at: valueLoc(root, [...path, second]),
  };
}

// ---------------------------------------------------------------------------
// From JSON Pointers to located nodes
// ---------------------------------------------------------------------------

/** A JSON Pointer as path segments, with list indexes as numbers (the tree tells which is which). */
function pathOf(root: Node, pointer: string): PathSegment[] {
  const path: PathSegment[] = [];
  let node: Node | undefined = root;
  for (const raw of pointer === '' ? [] : pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node?.kind === 'seq') {
      path.push(Number(part));
      node = node.items[Number(part)];
    } else {
      path.push(part);
      node = node?.kind === 'map' ? node.entries.get(part)?.value : undefined;
    }
  }
  return path;
}

function nodeAt(root: Node, pointer: string): Node | undefined {
  return nodesAlong(root, pathOf(root, pointer)).at(-1);
}

/** The root and each node down `path`, as far as the path exists. */
function nodesAlong(root: Node, path: readonly PathSegment[]): Node[] {
  const nodes = [root];
  let node: Node | undefined = root;
  for (const segment of path) {
    node = node.kind === 'seq' ? node.items[Number(segment)] : node.kind === 'map' ? node.entries.get(String(segment))?.value : undefined;
    if (!node) break;
    nodes.push(node);
  }
  return nodes;
}

/** The value at `path`; an empty value (`image:` alone) has no width, so its key is shown instead. */
function valueLoc(root: Node, path: readonly PathSegment[]): Loc {
  const nodes = nodesAlong(root, path);
  const value = nodes.length === path.length + 1 ? nodes[nodes.length - 1] : undefined;
  if (value?.loc && value.loc.end > value.loc.start) return value.loc;
  return keyLoc(root, path);
}

/** The key naming `path` when its parent is a mapping, else the value itself (a list item, the document). */
function keyLoc(root: Node, path: readonly PathSegment[]): Loc {
  const nodes = nodesAlong(root, path);
  if (path.length > 0 && nodes.length >= path.length) {
    const parent = nodes[path.length - 1];
    const key = getPair(parent, String(path[path.length - 1]))?.key;
    if (parent.kind === 'map' && key?.loc) return key.loc;
  }
  // The nearest located node: the value itself, or failing that its closest located ancestor.
  for (let i = Math.min(nodes.length, path.length + 1) - 1; i >= 0; i--) {
    const loc = nodes[i].loc;
    if (loc) return loc;
  }
  return { file: '', start: 0, end: 0 };
}

/** One diagnostic per node and problem, in file order. */
function uniqueSorted(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.loc.file}\0${d.loc.start}\0${d.loc.end}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => a.loc.start - b.loc.start || a.loc.end - b.loc.end || a.message.localeCompare(b.message));
}
