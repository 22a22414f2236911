/**
 * Read access to the vendored Compose schema, for what the compiled validator
 * does not say: which keys a mapping allows (for did-you-mean suggestions).
 * The JSON is parsed on first use only — a valid file never pays for it — and cached.
 */
import { COMPOSE_SCHEMA_TEXT } from '../../generated/compose-schema-text.js';
import { SERVICE_PROSE_VALUES } from './prose-checks.js';

type JsonSchema = { [keyword: string]: unknown };

let cachedSchema: JsonSchema | undefined;

function composeSchema(): JsonSchema {
  cachedSchema ??= JSON.parse(COMPOSE_SCHEMA_TEXT) as JsonSchema;
  return cachedSchema;
}

/** The keys a mapping may hold: names listed in `properties`, and regexes from `patternProperties`. */
export interface KeyRules {
  names: string[];
  patterns: string[];
}

/**
 * The key rules of every schema that applies to the mapping at `path` in `data`.
 * Where the schema offers alternatives (oneOf/anyOf), the ones whose type fits
 * the data are followed, as a user who wrote that data evidently meant.
 */
export function keyRulesAt(data: unknown, path: readonly string[]): KeyRules {
  const root = composeSchema();
  const names = new Set<string>();
  const patterns = new Set<string>();
  for (const schema of schemasAt(root, root, data, path)) {
    for (const name of Object.keys(asSchema(schema.properties) ?? {})) names.add(name);
    for (const pattern of Object.keys(asSchema(schema.patternProperties) ?? {})) patterns.add(pattern);
  }
  return { names: [...names], patterns: [...patterns] };
}

function asSchema(value: unknown): JsonSchema | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonSchema) : undefined;
}

function schemasAt(root: JsonSchema, schema: JsonSchema, value: unknown, path: readonly string[]): JsonSchema[] {
  const here = alternatives(root, schema, value);
  if (path.length === 0) return here;
  const [key, ...rest] = path;
  const child = childValue(value, key);
  return here.flatMap((s) => childSchemas(s, value, key).flatMap((c) => schemasAt(root, c, child, rest)));
}

/** A schema with its `$ref` followed, expanded into the oneOf/anyOf branches that fit `value`. */
function alternatives(root: JsonSchema, schema: JsonSchema, value: unknown): JsonSchema[] {
  const resolved = resolveRef(root, schema);
  const branches = ((resolved.oneOf ?? resolved.anyOf) as unknown[] | undefined)?.map(asSchema).filter((b): b is JsonSchema => !!b);
  if (!branches) return [resolved];
  const fitting = branches.filter((branch) => acceptsType(root, branch, value));
  return [resolved, ...(fitting.length > 0 ? fitting : branches).flatMap((branch) => alternatives(root, branch, value))];
}

/** Only local references (`#/$defs/...`) occur in the Compose schema. */
function resolveRef(root: JsonSchema, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && current.$ref.startsWith('#/') && hops < 32; hops++) {
    let target: unknown = root;
    for (const part of current.$ref.slice(2).split('/')) {
      target = asSchema(target)?.[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    const next = asSchema(target);
    if (!next) break;
    current = next;
  }
  return current;
}

function childValue(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value[Number(key)];
  return asSchema(value)?.[key];
}

function childSchemas(schema: JsonSchema, value: unknown, key: string): JsonSchema[] {
  // An item of a list: a numeric segment where the data is not known (an editor's cursor in text that need not parse).
  if (Array.isArray(value) || (value === undefined && /^\d+$/.test(key) && asSchema(schema.items))) {
    const items = asSchema(schema.items);
    return items ? [items] : [];
  }
  const found: JsonSchema[] = [];
  const named = asSchema(asSchema(schema.properties)?.[key]);
  if (named) found.push(named);
  for (const [pattern, sub] of Object.entries(asSchema(schema.patternProperties) ?? {})) {
    const subSchema = asSchema(sub);
    if (subSchema && new RegExp(pattern, 'u').test(key)) found.push(subSchema);
  }
  const additional = asSchema(schema.additionalProperties);
  if (found.length === 0 && additional) found.push(additional);
  return found;
}

/** Whether `value` has one of the JSON types the schema declares (following refs and alternatives). */
function acceptsType(root: JsonSchema, schema: JsonSchema, value: unknown): boolean {
  const types = declaredTypes(root, schema, 0);
  return types === undefined || types.some((type) => hasJsonType(value, type));
}

function declaredTypes(root: JsonSchema, schema: JsonSchema, depth: number): string[] | undefined {
  const resolved = resolveRef(root, schema);
  if (typeof resolved.type === 'string') return [resolved.type];
  if (Array.isArray(resolved.type)) return resolved.type as string[];
  const branches = (resolved.oneOf ?? resolved.anyOf) as unknown[] | undefined;
  if (!branches || depth > 8) return undefined;
  const types: string[] = [];
  for (const branch of branches) {
    const branchTypes = asSchema(branch) && declaredTypes(root, branch as JsonSchema, depth + 1);
    if (!branchTypes) return undefined; // a branch of any type: anything fits
    types.push(...branchTypes);
  }
  return types;
}

export function hasJsonType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}

/** The pattern Compose's schema gives the names of a top-level section (`services`, `networks`, …), if any. */
export function namePatternOf(section: string): RegExp | undefined {
  const schema = asSchema(asSchema(composeSchema().properties)?.[section]);
  const pattern = Object.keys(asSchema(schema?.patternProperties) ?? {})[0];
  return pattern === undefined ? undefined : new RegExp(pattern, 'u');
}

/** What the schema says of a key: its description, the JSON types it takes, the values it enumerates. */
export interface SchemaKey {
  name: string;
  description?: string;
  types: string[];
  /** Enumerated values (`enum`, `const`), as written. */
  values: string[];
  deprecated: boolean;
}

/** The first description on a schema, its reference or its alternatives. */
function descriptionOf(root: JsonSchema, schema: JsonSchema, depth = 0): string | undefined {
  if (typeof schema.description === 'string') return schema.description;
  const resolved = resolveRef(root, schema);
  if (typeof resolved.description === 'string') return resolved.description;
  if (depth > 4) return undefined;
  for (const branch of ((resolved.oneOf ?? resolved.anyOf) as unknown[] | undefined) ?? []) {
    const found = asSchema(branch) && descriptionOf(root, branch as JsonSchema, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function valuesOf(root: JsonSchema, schema: JsonSchema, depth = 0): string[] {
  const resolved = resolveRef(root, schema);
  const values: string[] = [];
  if (Array.isArray(resolved.enum)) values.push(...resolved.enum.filter((v) => typeof v === 'string'));
  if (typeof resolved.const === 'string') values.push(resolved.const);
  if (depth < 4)
    for (const branch of ((resolved.oneOf ?? resolved.anyOf) as unknown[] | undefined) ?? [])
      if (asSchema(branch)) values.push(...valuesOf(root, branch as JsonSchema, depth + 1));
  return [...new Set(values)];
}

/**
 * The keys the schema allows in the mapping at `path` (a numeric segment for an item of a
 * list), with their documentation, in the schema's order. With `data` undefined every
 * alternative the schema offers there is followed.
 */
export function schemaKeysAt(path: readonly string[], data?: unknown): SchemaKey[] {
  const root = composeSchema();
  const keys = new Map<string, SchemaKey>();
  for (const schema of schemasAt(root, root, data, path)) {
    for (const [name, property] of Object.entries(asSchema(schema.properties) ?? {})) {
      const sub = asSchema(property);
      if (!sub || keys.has(name)) continue;
      const resolved = resolveRef(root, sub);
      keys.set(name, {
        name,
        description: descriptionOf(root, sub),
        types: declaredTypes(root, sub, 0) ?? [],
        values: path.length === 2 && path[0] === 'services' && SERVICE_PROSE_VALUES[name] ? [...SERVICE_PROSE_VALUES[name]] : valuesOf(root, sub),
        deprecated: sub.deprecated === true || resolved.deprecated === true,
      });
    }
  }
  return [...keys.values()];
}
