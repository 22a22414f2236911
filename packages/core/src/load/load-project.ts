import { dirname, isAbsolute, resolve } from 'node:path';
import { substitute } from '../env/template.js';
import { nodeHost, type Host } from '../host.js';
import type { Project } from '../model/project.js';
import { checkProse } from '../schema/prose-checks.js';
import { validateCompose } from '../schema/validate-compose.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { get, str } from '../source/node.js';
import { isParserError } from '../source/parse-yaml.js';
import { canonicalize, setDefaultValues } from './canonical.js';
import { discoverComposeFiles, DEFAULT_COMPOSE_FILES } from './discover.js';
import { overlay, processEnvironment, readEnvFiles, type Environment } from './environment.js';
import { mergeOptions, readYaml, type LoadContext } from './context.js';
import { LoadError } from './load-error.js';
import { loadModel } from './model.js';
import { normalize } from './normalize.js';
import { applyProfiles, parseProfileList } from './profiles.js';
import { isValidProjectName, normalizeProjectName, projectNameFromDirectory } from './project-name.js';
import { resolveRelativePaths } from './resolve-paths.js';
import { enforceUnicity } from './unicity.js';
import { checkEnvFiles, resolveLabelFiles } from './env-files.js';
import { readServiceEnvFiles } from './service-env-files.js';
import { timed } from '../phases.js';
import { readMountedConfigs } from '../intent/mounted-files.js';
import type { ParseCache } from '../source/parse-cache.js';

export interface LoadOptions {
  /** Compose files, as given with -f (relative to `cwd`); `-` is standard input. */
  files?: string[];
  /** The project directory (--project-directory); defaults to the first file's directory. */
  projectDirectory?: string;
  /** -p */
  projectName?: string;
  /** --profile */
  profiles?: string[];
  /** --env-file (relative to `cwd`); replaces the default `.env`. */
  envFiles?: string[];
  /** The process environment; defaults to process.env. */
  env?: Environment;
  cwd?: string;
  host?: Host;
  /** Text for the file `-`, and the name to report it under. */
  stdin?: { text: string; filename?: string };
  /** With no files given, search parent directories too (as `docker compose` does when run without -f). */
  searchParents?: boolean;
  /** Parses kept from earlier loads, reused where the text is the same or an edit allows (an editor's session). */
  parseCache?: ParseCache;
}

/**
 * Schema findings less those on a line where the YAML could not be read: there the tree is the
 * parser's guess (a tab-indented `KEY: value` read as a top-level key), and the syntax error
 * already says what is wrong, as Docker Compose says only that.
 */
function withoutKnockOns(found: Diagnostic[], ctx: LoadContext): Diagnostic[] {
  const lineOf = (d: Diagnostic) => {
    const file = ctx.files.get(d.loc.file);
    return file ? `${d.loc.file}:${file.position(d.loc.start).line}` : undefined;
  };
  const broken = new Set(ctx.diagnostics.filter(isParserError).map(lineOf));
  if (broken.size === 0) return found;
  return found.filter((d) => {
    const line = lineOf(d);
    return line === undefined || !broken.has(line);
  });
}

function resolveAgainst(base: string, path: string): string {
  return isAbsolute(path) ? path : resolve(base, path);
}

/** Loads a Compose project exactly as Docker Compose would, keeping every value's source location. */
export function loadProject(options: LoadOptions = {}): Project {
  return timed('load', () => load(options));
}

function load(options: LoadOptions): Project {
  const host = options.host ?? nodeHost;
  const cwd = options.cwd ?? process.cwd();
  const processEnv = options.env ?? processEnvironment();
  const stdinPath = resolve(cwd, options.stdin?.filename ?? 'stdin.yaml');
  const ctx: LoadContext = {
    host,
    files: new Map(),
    sources: new Map(),
    diagnostics: [],
    documents: new Map(),
    extendsCache: new Map(),
    parseCache: options.parseCache,
    stdin: options.stdin ? { text: options.stdin.text, path: stdinPath } : undefined,
  };

  const given = (options.files ?? []).map((f) => (f === '-' ? stdinPath : resolveAgainst(cwd, f)));
  for (const file of given) {
    if (file === stdinPath && options.stdin) continue;
    if (!host.isFile(file)) throw new LoadError(host.isDirectory(file) ? `${file} is a directory, not a compose file` : `no such file: ${file}`, file);
  }
  let workingDir = options.projectDirectory ? resolveAgainst(cwd, options.projectDirectory) : given.length > 0 ? dirname(given[0]) : cwd;
  if (!host.isDirectory(workingDir) && !(options.stdin && given[0] === stdinPath)) throw new LoadError(`no such directory: ${workingDir}`);

  // Env files: --env-file replaces the default .env of the project directory.
  const envFilePaths = options.envFiles?.map((f) => resolveAgainst(cwd, f)) ?? [resolve(workingDir, '.env')].filter((f) => host.isFile(f));
  for (const f of options.envFiles ? envFilePaths : []) if (!host.isFile(f)) throw new LoadError(`no such env file: ${f}`, f);
  const envFiles = readEnvFiles(envFilePaths, processEnv, host);
  for (const f of envFiles.files) ctx.files.set(f.path, f);
  ctx.diagnostics.push(...envFiles.diagnostics);
  const environment = overlay(envFiles.values, processEnv);

  let configFiles = given;
  if (configFiles.length === 0 && environment.COMPOSE_FILE) {
    const separator = environment.COMPOSE_PATH_SEPARATOR || (process.platform === 'win32' ? ';' : ':');
    configFiles = environment.COMPOSE_FILE.split(separator)
      .filter(Boolean)
      .map((f) => resolveAgainst(workingDir, f));
    for (const file of configFiles) if (!host.isFile(file)) throw new LoadError(`no such file: ${file} (from COMPOSE_FILE)`, file);
  }
  if (configFiles.length === 0) {
    configFiles = discoverComposeFiles(workingDir, host, options.searchParents && !options.projectDirectory);
    if (configFiles.length === 0) throw new LoadError(`no compose file found in ${workingDir} (looked for ${DEFAULT_COMPOSE_FILES.join(', ')})`);
    if (!options.projectDirectory) workingDir = dirname(configFiles[0]);
  }

  const profiles = options.profiles?.length ? options.profiles : parseProfileList(environment.COMPOSE_PROFILES);

  // Project name: -p, COMPOSE_PROJECT_NAME, the last `name:` of the files, the directory.
  let name: string;
  if (options.projectName !== undefined) {
    if (!isValidProjectName(options.projectName)) {
      throw new LoadError(`invalid project name "${options.projectName}": use only lowercase letters, digits, "-" and "_", starting with a letter or digit`);
    }
    name = options.projectName;
  } else {
    name = normalizeProjectName(environment.COMPOSE_PROJECT_NAME ?? '') || nameFromFiles(configFiles, environment, ctx) || projectNameFromDirectory(workingDir);
  }
  environment.COMPOSE_PROJECT_NAME = name;

  const root = loadModel(configFiles, workingDir, environment, ctx, []);
  if (root.entries.size === 0 && !ctx.diagnostics.some((d) => d.severity === 'error')) {
    const first = ctx.files.get(configFiles[0]);
    if (first) ctx.diagnostics.push({ ruleId: 'compose-schema', severity: 'error', message: 'The compose file is empty.', loc: first.loc(0, 0) });
  }

  ctx.diagnostics.push(
    ...withoutKnockOns(
      timed('schema', () => [...validateCompose(root), ...checkProse(root)]),
      ctx,
    ),
  );
  root.entries.delete('version');
  ctx.diagnostics.push(...canonicalize(root));
  setDefaultValues(root);
  // Long syntax can reveal duplicates the short syntax hid (a port range overlapping an override).
  enforceUnicity(root, mergeOptions(ctx));
  resolveRelativePaths(root, workingDir, environment);
  ctx.diagnostics.push(...checkEnvFiles(root, host), ...resolveLabelFiles(root, host, ctx.files));
  normalize(root, { projectName: name, env: environment });
  const envFileVariables = readServiceEnvFiles(root, host, ctx.files, environment);
  const disabledServices = applyProfiles(root, profiles);
  const mountedConfigs = readMountedConfigs(root, host, ctx.files);

  return {
    name,
    workingDir,
    configFiles,
    files: ctx.files,
    sources: ctx.sources,
    root,
    disabledServices,
    envFileVariables,
    mountedConfigs,
    profiles,
    environment,
    diagnostics: ctx.diagnostics,
  };
}

/** The project name the files set with `name:` (the last one wins), interpolated, before anything else is. */
function nameFromFiles(paths: readonly string[], environment: Environment, ctx: LoadContext): string {
  let found = '';
  for (const path of paths) {
    for (const document of readYaml(path, 'compose', ctx) ?? []) {
      const raw = str(get(document, 'name'));
      if (!raw) continue;
      const result = substitute(raw, (n) => environment[n]);
      if ('value' in result && result.value) found = normalizeProjectName(result.value);
    }
  }
  return found;
}
