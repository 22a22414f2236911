/**
 * One composure analysis per linted file, shared by every `composure/*` rule: the first rule
 * that runs on a (file name, text, cwd, environment) loads the project and lints it with the
 * whole catalogue; the other rules take their findings from the cache. Nothing here checks
 * anything itself: the findings are those of @composure/core's engine and @composure/rules.
 */
import { isUtf8 } from 'node:buffer';
import { basename, dirname, resolve } from 'node:path';
import {
  ConfigError,
  DEFAULT_COMPOSE_FILES,
  discoverComposeFiles,
  lintProject,
  loadConfigured,
  LoadError,
  memoryHost,
  nodeHost,
  type AnyRule,
  type Host,
  type Finding,
  type LoadOptions,
  type Project,
  type ResolvedConfig,
} from '@composure/core';
import { rules, validateConfig } from '@composure/rules';

/** What one linted file gives: the project's findings, or why the project could not be loaded. */
export type FileAnalysis =
  | { ok: true; file: string; project: Project; config: ResolvedConfig; findings: Finding[]; withOptions: Map<string, Finding[]> }
  | { ok: false; file: string; message: string };

export interface AnalysisRequest {
  /** The file name ESLint gives (absolute, or relative to cwd). */
  filename: string;
  /** ESLint's text of the file (without a BOM), which wins over the disk. */
  text: string;
  cwd: string;
  /** The environment used for interpolation and COMPOSE_* variables; process.env by default. */
  env?: Record<string, string>;
}

/** The default compose file names and their override files: the linted file is then part of its directory's project. */
const PROJECT_FILE_NAMES = new Set(
  DEFAULT_COMPOSE_FILES.flatMap((name) => [name, name.replace(/\.(ya?ml)$/, '.override.$1')]),
);

/**
 * How `composure lint` would load the linted file: a default-named compose file (or its override)
 * is linted with its directory's project, as `composure lint DIR` (base + override + .env); any
 * other file alone, as `composure lint FILE`. A default-named file that is not the one Docker
 * Compose picks in its directory (docker-compose.yml beside a compose.yaml) is linted alone too:
 * otherwise nothing would lint it.
 */
export function loadOptionsFor(file: string, request: AnalysisRequest): LoadOptions {
  const host = hostFor(file, request.text);
  const env = request.env ?? processEnv();
  const common: LoadOptions = { cwd: request.cwd, env, host };
  if (PROJECT_FILE_NAMES.has(basename(file))) {
    const found = discoverComposeFiles(dirname(file), host);
    if (found.includes(file)) return { ...common, files: found };
  }
  return { ...common, files: [file] };
}

/**
 * The disk, with ESLint's text of the linted file over it. One exception: a file that is not valid
 * UTF-8 reaches ESLint decoded with replacement characters; when that is what the disk's bytes
 * decode to, the bytes are served, so that composure reports the file as not UTF-8 (yaml-syntax),
 * as the CLI does.
 */
function hostFor(file: string, text: string): Host {
  if (text.includes('\uFFFD')) {
    const bytes = nodeHost.readFile(file);
    if (bytes && !isUtf8(bytes) && new TextDecoder('utf-8').decode(bytes) === text) {
      return { ...nodeHost, readFile: (path) => (path === file ? bytes : nodeHost.readFile(path)) };
    }
  }
  return memoryHost({ [file]: text }, nodeHost);
}

function processEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * The configuration every analysis runs with: the project's own (.composure.yaml, x-composure:
 * options, policies, datastores, ignore, exclude) with every rule on, except the rules that
 * configuration turns off explicitly. Which rules are reported, and how loud, is then the ESLint
 * configuration's business.
 */
function everyRuleOn(config: ResolvedConfig): ResolvedConfig {
  const byId = new Map(rules.map((rule) => [rule.meta.id, rule]));
  const out = new Map(config.rules);
  for (const [id, setting] of config.rules) {
    const rule = byId.get(id);
    if (rule && setting.severity === 'off' && !setting.explicit) out.set(id, { ...setting, severity: rule.meta.severity });
  }
  return { ...config, rules: out };
}

function analyzeFile(file: string, request: AnalysisRequest): FileAnalysis {
  try {
    const loaded = loadConfigured({ ...loadOptionsFor(file, request), rules, validateConfig, preset: 'all' });
    const config = everyRuleOn(loaded.config);
    return { ok: true, file, project: loaded.project, config, findings: lintProject(loaded.project, rules, config), withOptions: new Map() };
  } catch (error) {
    if (error instanceof LoadError || error instanceof ConfigError) return { ok: false, file, message: error.message.replace(/^composure: /, '') };
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, file, message: `Internal error: composure failed on this file (${reason}). Please report it.` };
  }
}

/** How many files' analyses are kept: ESLint runs every rule on one file before the next file. */
const CACHE_SIZE = 8;
/** By file, cwd and environment; the text is compared on a hit (a --fix pass or an editor changes it). */
const cache = new Map<string, { text: string; analysis: FileAnalysis }>();

/** The analysis of one file, from the cache when the same file, text, cwd and environment were analysed last. */
export function analysisOf(request: AnalysisRequest): FileAnalysis {
  const file = resolve(request.cwd, request.filename);
  const key = JSON.stringify([file, request.cwd, request.env ?? null]);
  const cached = cache.get(key);
  // Most recently used last.
  cache.delete(key);
  if (cached && cached.text === request.text) {
    cache.set(key, cached);
    return cached.analysis;
  }
  const analysis = analyzeFile(file, request);
  cache.set(key, { text: request.text, analysis });
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return analysis;
}

/**
 * The findings of one rule. With options given in the ESLint configuration, that rule alone is
 * run again on the same loaded project (topology is built once per project), its options being
 * the project configuration's with ESLint's on top.
 */
export function findingsOf(analysis: Extract<FileAnalysis, { ok: true }>, rule: AnyRule, options: Record<string, unknown> | undefined): Finding[] {
  const id = rule.meta.id;
  if (!options || Object.keys(options).length === 0) return analysis.findings.filter((f) => f.ruleId === id);
  const key = `${id}\0${JSON.stringify(options)}`;
  let findings = analysis.withOptions.get(key);
  if (!findings) {
    const current = analysis.config.rules.get(id);
    const config: ResolvedConfig = { ...analysis.config, rules: new Map(analysis.config.rules) };
    config.rules.set(id, { severity: current?.severity ?? rule.meta.severity, explicit: current?.explicit ?? false, options: { ...(current?.options ?? rule.defaultOptions), ...options } });
    try {
      findings = lintProject(analysis.project, [rule], config).filter((f) => f.ruleId === id);
    } catch {
      findings = analysis.findings.filter((f) => f.ruleId === id);
    }
    analysis.withOptions.set(key, findings);
  }
  return findings;
}

/** For tests: forget every analysis. */
export function clearAnalysisCache(): void {
  cache.clear();
}
