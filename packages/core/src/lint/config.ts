import { dirname, join, resolve } from 'node:path';
import type { Host } from '../host.js';
import type { Severity } from '../source/diagnostic.js';
import { isSeq, get, toJS, type Node } from '../source/node.js';
import { parseYaml } from '../source/parse-yaml.js';
import { SourceFile, type Position } from '../source/source-file.js';
import type { LocatedPolicy, Policy } from './policy.js';
import type { AddressPool, AnyRule, AvoidedRange } from './rule.js';
import { isInPreset, type Preset } from './presets.js';
import { engineVersion, type EngineVersion } from '../topology/engine-version.js';
import { parseCidr } from '../topology/addresses.js';

export type { Preset } from './presets.js';
export type SeveritySetting = Severity | 'off';

export interface Exclusion {
  rule: string;
  service: string;
  reason: string;
}

/** The configuration as written in `.composure.yaml` or under `x-composure:`. */
export interface ComposureConfig {
  extends?: Preset;
  rules?: Record<string, SeveritySetting | 'warn' | [SeveritySetting | 'warn', Record<string, unknown>?]>;
  ignore?: string[];
  datastores?: string[];
  policies?: Policy[];
  exclude?: Exclusion[];
  /** The Docker Engine version the topology follows (docs/engine-versions.md). */
  engine?: string;
  /** Address ranges no network may use (a VPN, the office LAN). */
  avoid?: string[];
  /** The daemon's daemon.json, relative to the configuration file. */
  daemon?: string;
  /** The projects of the host, for --workspace without PATH. */
  workspace?: WorkspaceEntry[];
}

/** A project of `workspace:`: a directory or glob, or one with its own files, env files and profiles. */
export type WorkspaceEntry = string | { path: string; files?: string[]; env_file?: string[]; profiles?: string[] };

export interface RuleSetting {
  severity: SeveritySetting;
  options: Record<string, unknown>;
  /** Set by the user (not the preset): it then overrides a rule's own severity tiers. */
  explicit: boolean;
}

/** Configuration after presets and every layer are applied. */
export interface ResolvedConfig {
  rules: Map<string, RuleSetting>;
  /** Ignore globs with the directory they are relative to. */
  ignore: { base: string; pattern: string }[];
  datastores: string[];
  policies: LocatedPolicy[];
  exclude: Exclusion[];
  /** The Docker Engine version: --engine-version, else the last layer's `engine:`, else the current stable one. */
  engine: EngineVersion;
  /** `avoid:` ranges of every layer. */
  avoid: AvoidedRange[];
  /** The daemon's `default-address-pools`, once its daemon.json is read (see daemon-config.ts). */
  addressPools: AddressPool[];
  /** The daemon.json to read them from (absolute): the last layer's `daemon:`. */
  daemon?: string;
  /** The last layer's `workspace:`, with the directory its entries are relative to. */
  workspace?: { base: string; entries: WorkspaceEntry[] };
}

/** A configuration layer and where it was written, for messages and relative globs. */
export interface ConfigLayer {
  config: ComposureConfig;
  /** The file it came from (a .composure.yaml or the compose file holding x-composure). */
  source: string;
  /** The layer as a located node, when it was read from a file. */
  node?: Node;
  /** The configuration file's text, when the layer is a .composure.yaml (findings may point into it). */
  file?: SourceFile;
}

export class ConfigError extends Error {
  constructor(
    message: string,
    /** The file the configuration was read from (a .composure.yaml, or the compose file holding x-composure). */
    readonly file?: string,
    /** Where in that file, when known: the first YAML error, or the configuration that does not validate. */
    readonly position?: Position,
  ) {
    super(message);
  }
}

export const CONFIG_FILE_NAMES = ['.composure.yaml', '.composure.yml'];

/** The nearest `.composure.yaml` walking up from a directory, as hadolint and ESLint search theirs. */
export function findConfigFile(startDir: string, host: Host): string | undefined {
  let dir = startDir;
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (host.isFile(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export type ConfigValidator = (data: unknown) => string[];

/** Reads and validates a configuration file; throws ConfigError with a clear message. */
export function readConfigFile(path: string, host: Host, validate: ConfigValidator): ConfigLayer {
  const bytes = host.readFile(path);
  if (bytes === undefined) throw new ConfigError(`cannot read configuration file ${path}`, path);
  return parseConfigText(path, new TextDecoder().decode(bytes), validate);
}

export function parseConfigText(path: string, text: string, validate: ConfigValidator): ConfigLayer {
  const { file, documents, diagnostics } = parseYaml(new SourceFile(path, text));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const where = (offset: number) => `${file.position(offset).line}:${file.position(offset).column}`;
    throw new ConfigError(
      `invalid YAML in ${path}: ${errors.map((e) => `${where(e.loc.start)} ${e.message}`).join('; ')}`,
      path,
      file.position(errors[0].loc.start),
    );
  }
  if (documents.length === 0) return { config: {}, source: path, file };
  return { ...configFromNode(documents[0], path, validate, file), file };
}

/** Validates a configuration given as a located node (x-composure in a compose file), with the file it was read from when known. */
export function configFromNode(node: Node, source: string, validate: ConfigValidator, file?: SourceFile): ConfigLayer {
  const data = toJS(node);
  const problems = validate(data);
  if (problems.length > 0) {
    const position = file && node.loc ? file.position(node.loc.start) : undefined;
    throw new ConfigError(`invalid configuration in ${source}: ${problems.join('; ')}`, source, position);
  }
  return { config: data as ComposureConfig, source, node };
}

/** The Engine version asked for, read; a version that cannot be read is a configuration error. */
function engineOf(override: string | undefined, layer: ConfigLayer | undefined): EngineVersion {
  try {
    return engineVersion(override ?? layer?.config.engine);
  } catch (error) {
    const where = override !== undefined ? 'given with --engine-version' : `in ${layer!.source}`;
    throw new ConfigError(`${(error as Error).message}, ${where}`, override !== undefined ? undefined : layer!.source);
  }
}

function presetSeverity(rule: AnyRule, preset: Preset): SeveritySetting {
  return isInPreset(rule, preset) ? rule.meta.severity : 'off';
}

const normalizeSeverity = (s: SeveritySetting | 'warn'): SeveritySetting => (s === 'warn' ? 'warning' : s);

/**
 * Applies layers in order (later wins): the preset of the last layer that names one
 * (recommended by default), then each layer's rule settings, then command-line overrides.
 */
export function resolveConfig(
  rules: readonly AnyRule[],
  layers: readonly ConfigLayer[],
  overrides: Record<string, SeveritySetting> = {},
  basePreset: Preset = 'recommended',
  engineOverride?: string,
): ResolvedConfig {
  const preset = [...layers].reverse().find((l) => l.config.extends)?.config.extends ?? basePreset;
  const engineLayer = [...layers].reverse().find((l) => l.config.engine !== undefined);
  const resolved: ResolvedConfig = {
    rules: new Map(),
    ignore: [],
    datastores: [],
    policies: [],
    exclude: [],
    engine: engineOf(engineOverride, engineLayer),
    avoid: [],
    addressPools: [],
  };
  for (const rule of rules) resolved.rules.set(rule.meta.id, { severity: presetSeverity(rule, preset), options: { ...rule.defaultOptions }, explicit: false });
  for (const layer of layers) {
    const { config, source } = layer;
    for (const [id, setting] of Object.entries(config.rules ?? {})) {
      const current = resolved.rules.get(id);
      if (!current) throw new ConfigError(`unknown rule "${id}" in ${source}`, source);
      const [severity, options] = Array.isArray(setting) ? setting : [setting, undefined];
      resolved.rules.set(id, { severity: normalizeSeverity(severity), options: { ...current.options, ...(options ?? {}) }, explicit: true });
    }
    for (const pattern of config.ignore ?? []) resolved.ignore.push({ base: dirname(source), pattern });
    resolved.datastores.push(...(config.datastores ?? []));
    const nodes = get(layer.node, 'policies');
    (config.policies ?? []).forEach((policy, i) => resolved.policies.push({ policy, node: isSeq(nodes) ? nodes.items[i] : undefined, source }));
    resolved.exclude.push(...(config.exclude ?? []));
    for (const text of config.avoid ?? []) {
      const parsed = parseCidr(text);
      if (!parsed.ok) throw new ConfigError(`avoid: "${text}" in ${source} ${parsed.problem}`, source);
      resolved.avoid.push({ text, cidr: parsed.value });
    }
    if (config.daemon !== undefined) resolved.daemon = resolve(dirname(source), config.daemon);
    if (config.workspace !== undefined) resolved.workspace = { base: dirname(source), entries: config.workspace };
  }
  for (const [id, severity] of Object.entries(overrides)) {
    const current = resolved.rules.get(id);
    if (!current) throw new ConfigError(`unknown rule "${id}" given with --rule`);
    resolved.rules.set(id, { ...current, severity, explicit: true });
  }
  return resolved;
}
