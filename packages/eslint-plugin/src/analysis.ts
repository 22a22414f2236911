/**
 * One composure analysis per linted file, shared by every `composure/*` rule: the first rule
 * that runs on a (file name, text, cwd, settings) loads the project and lints it with the
 * whole catalogue; the other rules take their findings from the cache, until the text or a
 * file the analysis read (an override, a `.env`) changes. Nothing here checks
 * anything itself: the findings are those of @composure/core's engine and @composure/rules.
 */
import { isUtf8 } from 'node:buffer';
import { resolve } from 'node:path';
import {
  createSession,
  lintProject,
  nodeHost,
  type AnyRule,
  type Failure,
  type Finding,
  type Project,
  type ResolvedConfig,
  type Session,
} from '@composure/core';
import { rules, validateConfig } from '@composure/rules';
import { diskState } from './disk-state.js';

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
  /** Profiles to enable, as --profile; by default COMPOSE_PROFILES decides. */
  profiles?: string[];
  /** Env files replacing the project's `.env` (relative to cwd), as --env-file. */
  envFiles?: string[];
}

/**
 * ESLint's text of the linted file, to lay over the disk. One exception: a file that is not valid
 * UTF-8 reaches ESLint decoded with replacement characters; when that is what the disk's bytes
 * decode to, the bytes are served, so that composure reports the file as not UTF-8 (yaml-syntax),
 * as the CLI does.
 */
function lintedContent(file: string, text: string): string | Uint8Array {
  if (text.includes('\uFFFD')) {
    const bytes = nodeHost.readFile(file);
    if (bytes && !isUtf8(bytes) && new TextDecoder('utf-8').decode(bytes) === text) return bytes;
  }
  return text;
}

/**
 * How `composure lint` would load the linted file: a default-named compose file (or its override)
 * is linted with its directory's project, as `composure lint DIR` (base + override + .env); any
 * other file alone, as `composure lint FILE` (see the session's projectOf).
 */
function sessionFor(file: string, request: AnalysisRequest): Session {
  const { cwd, env, profiles, envFiles } = request;
  return createSession({ rules, validateConfig, preset: 'all', cwd, env, profiles, envFiles, documents: new Map([[file, lintedContent(file, request.text)]]) });
}

/** A crash is reported, never thrown: ESLint goes on with the other files. */
function crashMessage(error: unknown): string {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `Internal error: composure failed on this file (${reason}). Please report it.`;
}

const failureMessage = (failure: Failure) => (failure.kind === 'internal' ? crashMessage(failure.cause) : failure.message);

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

/** One file's analysis, and the other files it depended on (the linted file is ESLint's text). */
function analyzeFile(file: string, request: AnalysisRequest): { analysis: FileAnalysis; dependencies: string[] } {
  const session = sessionFor(file, request);
  const configured = session.configure(session.projectOf(file));
  const dependencies = [...configured.dependencies].filter((path) => path !== file);
  if (!configured.ok) return { analysis: { ok: false, file, message: failureMessage(configured.failure) }, dependencies };
  const { project } = configured.value;
  const config = everyRuleOn(configured.value.config);
  try {
    return { analysis: { ok: true, file, project, config, findings: lintProject(project, rules, config), withOptions: new Map() }, dependencies };
  } catch (error) {
    return { analysis: { ok: false, file, message: crashMessage(error) }, dependencies };
  }
}

/** How many files' analyses are kept: ESLint runs every rule on one file before the next file. */
const CACHE_SIZE = 8;
/** How long an analysis is used without looking at the disk again: the rules of one file run well within it. */
export const TRUSTED_MS = 1_000;

interface Cached {
  text: string;
  analysis: FileAnalysis;
  dependencies: string[];
  disk: string;
  checkedAt: number;
}

/** By file, cwd and settings; the text is compared on a hit (a --fix pass or an editor changes it), and the files it depended on. */
const cache = new Map<string, Cached>();

/** Whether a cached analysis still holds: the same text, and (checked at most every TRUSTED_MS) the same files on disk. */
function holds(cached: Cached, text: string, now: number): boolean {
  if (cached.text !== text) return false;
  if (now - cached.checkedAt < TRUSTED_MS) return true;
  if (diskState(cached.dependencies) !== cached.disk) return false;
  cached.checkedAt = now;
  return true;
}

/** The analysis of one file, from the cache when the same file, text, cwd and settings were analysed last and nothing it read changed. */
export function analysisOf(request: AnalysisRequest, now = performance.now()): FileAnalysis {
  const file = resolve(request.cwd, request.filename);
  const key = JSON.stringify([file, request.cwd, request.env ?? null, request.profiles ?? null, request.envFiles ?? null]);
  const cached = cache.get(key);
  // Most recently used last.
  cache.delete(key);
  if (cached && holds(cached, request.text, now)) {
    cache.set(key, cached);
    return cached.analysis;
  }
  const { analysis, dependencies } = analyzeFile(file, request);
  cache.set(key, { text: request.text, analysis, dependencies, disk: diskState(dependencies), checkedAt: now });
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
    config.rules.set(id, {
      severity: current?.severity ?? rule.meta.severity,
      explicit: current?.explicit ?? false,
      options: { ...(current?.options ?? rule.defaultOptions), ...options },
    });
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
