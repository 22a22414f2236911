import { resolve } from 'node:path';
import { analyze, loadConfigured, type Analysis, type AnalyzeOptions } from '../analyze.js';
import { fixProject, type FixOptions, type FixResult } from '../fix/apply.js';
import { nodeHost, type Host } from '../host.js';
import type { ConfigValidator, Preset, ResolvedConfig, SeveritySetting } from '../lint/config.js';
import type { AnyRule } from '../lint/rule.js';
import { discoverComposeFiles } from '../load/discover.js';
import { processEnvironment, type Environment } from '../load/environment.js';
import { loadProject, type LoadOptions } from '../load/load-project.js';
import type { Project } from '../model/project.js';
import { ParseCache } from '../source/parse-cache.js';
import { documentsHost, type Documents } from './documents.js';
import { failureOf, type Failure } from './failure.js';
import { projectOf, projectsAt, type ProjectFiles, type ProjectRef, type ProjectsAt } from './project-ref.js';
import { recordingHost } from './recording-host.js';
import { workspaceConfig, lintWorkspace, type AnalyzedWorkspace, type ConfiguredWorkspace } from '../workspace/analyze-workspace.js';
import { buildWorkspace } from '../workspace/workspace.js';

/** What a front end analyses with: its options, as the CLI's, the editor's or ESLint's settings give them. */
export interface SessionSettings {
  /** The rules (@composure/rules' `rules`). */
  rules: readonly AnyRule[];
  /** Validates configuration (@composure/rules' `validateConfig`, which knows the rules' options); default: core's schema. */
  validateConfig?: ConfigValidator;
  /** The preset when no configuration names one; default `recommended`. */
  preset?: Preset;
  /** Severities applied last (the CLI's --rule). */
  ruleOverrides?: Record<string, SeveritySetting>;
  /**
   * A configuration file (-c), read and reported as written (a relative one is the process's,
   * as the CLI's -c); `false`: none; default: the nearest .composure.yaml above the first compose file.
   */
  configFile?: string | false;
  /** Where relative paths resolve (PATHs, -f files, env files, the project directory); default process.cwd(). */
  cwd?: string;
  /** The environment for interpolation and COMPOSE_* variables; default process.env. Unset variables are dropped. */
  env?: Readonly<Record<string, string | undefined>>;
  /** -p */
  projectName?: string;
  /** --project-directory */
  projectDirectory?: string;
  /** --profile; none: COMPOSE_PROFILES decides. */
  profiles?: readonly string[];
  /** --env-file, replacing the project's `.env`; none: the project's `.env`. */
  envFiles?: readonly string[];
  /** The file system; default the real one. */
  host?: Host;
  /** Unsaved texts that win over `host`. */
  documents?: Documents;
  /**
   * Keep each file's last parse and reuse it: the same text is not parsed again, and an edit inside
   * one entry (a service, a network…) re-parses that entry only. For a front end that analyses the
   * same files again and again as they are edited (the language server); default false.
   */
  incremental?: boolean;
  /** The text of `-` (standard input), and the name to report it under. */
  stdin?: { text: string; filename?: string };
  /** The Docker Engine version the topology follows (--engine-version); default: the configuration's `engine:`, else the current stable one. */
  engineVersion?: string;
  /** The daemon's daemon.json (--daemon-config, relative to `cwd`); default: the configuration's `daemon:`. */
  daemonConfig?: string;
}

/** A project and its resolved configuration (presets, .composure.yaml, x-composure, overrides), not linted. */
export type ConfiguredProject = Omit<Analysis, 'findings'>;

/**
 * The outcome of one project: its value, or why it could not be had; either way, every path the
 * attempt read or looked for (the compose files, env files, configuration files, even those that
 * did not exist), so that a front end knows which changes make it stale.
 */
export type ProjectResult<T> =
  | { readonly ok: true; readonly value: T; readonly dependencies: ReadonlySet<string> }
  | { readonly ok: false; readonly failure: Failure; readonly dependencies: ReadonlySet<string> };

/** Several projects' outcomes, and the workspace made of those that loaded. */
export interface WorkspaceResult<P, W> {
  /** Each project's outcome, in the order given. */
  readonly projects: ProjectResult<P>[];
  readonly workspace: ProjectResult<W>;
}

/** One set of settings, any number of projects (several PATHs, every project an editor has open). */
export interface Session {
  readonly cwd: string;
  /** The environment the projects are loaded with. */
  readonly env: Readonly<Environment>;
  /** The projects PATH arguments name, as `composure lint PATH...` (see projectsAt). */
  projectsAt(paths: readonly string[]): ProjectsAt;
  /** The project a compose file belongs to, as an editor or ESLint opens it (see projectOf). */
  projectOf(file: string): ProjectFiles;
  /** Loads a project: the model and what loading found (`composure config`). */
  load(project: ProjectRef): ProjectResult<Project>;
  /** Loads a project and resolves its configuration, without linting (`reach`, `graph`). */
  configure(project: ProjectRef): ProjectResult<ConfiguredProject>;
  /** Loads and lints a project. */
  analyze(project: ProjectRef): ProjectResult<Analysis>;
  /**
   * Several projects as one Docker host (`--workspace`, `workspace:`): each configured, their
   * wiring joined into one topology under the workspace's configuration (-c, else the nearest
   * .composure.yaml above the working directory). A project that cannot be loaded is its own
   * failure among the results; an unusable workspace configuration fails the whole.
   */
  /** The workspace's configuration (-c, else the nearest .composure.yaml above the working directory): its `workspace:` entries among the rest. */
  workspaceConfig(): ProjectResult<ResolvedConfig>;
  configureWorkspace(projects: readonly ProjectRef[]): WorkspaceResult<ConfiguredProject, ConfiguredWorkspace>;
  /** The same, linted: each project's findings and the cross-project ones, a file that several projects share reported once. */
  analyzeWorkspace(projects: readonly ProjectRef[]): WorkspaceResult<Analysis, AnalyzedWorkspace>;
  /** Loads, lints and fixes a project in memory (nothing is written): the changed texts and what remains. */
  fix(project: ProjectRef, options?: FixOptions): ProjectResult<FixResult>;
}

const nonEmpty = <T>(list: readonly T[] | undefined): T[] | undefined => (list && list.length > 0 ? [...list] : undefined);

export function createSession(settings: SessionSettings): Session {
  const cwd = settings.cwd ?? process.cwd();
  const env = processEnvironment(settings.env ?? process.env);
  const host = settings.documents ? documentsHost(settings.documents, settings.host ?? nodeHost) : (settings.host ?? nodeHost);
  const fromCwd = (path: string) => resolve(cwd, path);
  const projectDirectory = settings.projectDirectory === undefined ? undefined : fromCwd(settings.projectDirectory);
  const parseCache = settings.incremental ? new ParseCache() : undefined;

  /** The loader's options for a project, reading through `reader`. */
  function loadOptions(project: ProjectRef, reader: Host): LoadOptions {
    const common: LoadOptions = {
      cwd,
      env,
      host: reader,
      projectName: settings.projectName,
      projectDirectory,
      profiles: nonEmpty(project.settings?.profiles ?? settings.profiles),
      envFiles: nonEmpty(project.settings?.envFiles ?? settings.envFiles)?.map(fromCwd),
      parseCache,
    };
    switch (project.kind) {
      case 'files':
        return { ...common, files: [...project.files], stdin: project.files.includes('-') ? settings.stdin : undefined };
      case 'working-directory':
        return { ...common, searchParents: true };
      case 'directory': {
        // With --project-directory the files still come from the directory named (the loader would look in the project directory).
        const found = projectDirectory ? discoverComposeFiles(project.directory, reader) : [];
        return found.length > 0 ? { ...common, files: found } : { ...common, cwd: project.directory, projectDirectory: undefined };
      }
    }
  }

  function analyzeOptions(project: ProjectRef, reader: Host): AnalyzeOptions {
    const { rules, validateConfig, preset, ruleOverrides, configFile, engineVersion } = settings;
    const daemonConfig = settings.daemonConfig === undefined ? undefined : fromCwd(settings.daemonConfig);
    return { ...loadOptions(project, reader), rules, validateConfig, preset, ruleOverrides, configFile, engineVersion, daemonConfig };
  }

  /** Runs one step on a project, every path it touches recorded, any failure returned as a value. */
  function attempt<T>(project: ProjectRef, step: (reader: Host) => T): ProjectResult<T> {
    const { host: reader, paths } = recordingHost(host);
    if (project.kind === 'files') for (const file of project.files) if (file !== '-') paths.add(fromCwd(file));
    if (typeof settings.configFile === 'string') paths.add(fromCwd(settings.configFile));
    try {
      return { ok: true, value: step(reader), dependencies: paths };
    } catch (error) {
      return { ok: false, failure: failureOf(error), dependencies: paths };
    }
  }

  /** Configures (or analyses) each project, then joins those that loaded under the workspace's configuration. */
  function workspaceOf<P extends ConfiguredProject>(refs: readonly ProjectRef[], each: (ref: ProjectRef) => ProjectResult<P>) {
    const projects = refs.map(each);
    const loaded = projects.flatMap((r) => (r.ok ? [r.value] : []));
    const workspace = attempt({ kind: 'working-directory' }, (reader) => {
      const { config, files } = workspaceConfig(analyzeOptions({ kind: 'working-directory' }, reader));
      return {
        workspace: buildWorkspace(
          loaded.map((p) => p.project),
          config.engine,
        ),
        config,
        files,
        loaded,
      };
    });
    return { projects, workspace };
  }

  return {
    cwd,
    env,
    workspaceConfig: () => attempt({ kind: 'working-directory' }, (reader) => workspaceConfig(analyzeOptions({ kind: 'working-directory' }, reader)).config),
    configureWorkspace(refs) {
      const { projects, workspace } = workspaceOf(refs, (ref) => attempt(ref, (reader) => loadConfigured(analyzeOptions(ref, reader))));
      return {
        projects,
        workspace: workspace.ok ? { ...workspace, value: { workspace: workspace.value.workspace, config: workspace.value.config } } : workspace,
      };
    },
    analyzeWorkspace(refs) {
      const { projects, workspace } = workspaceOf(refs, (ref) => attempt(ref, (reader) => analyze(analyzeOptions(ref, reader))));
      if (!workspace.ok) return { projects, workspace };
      const { config, loaded, files } = workspace.value;
      const findings = lintWorkspace(workspace.value.workspace, loaded, settings.rules, config, files);
      return { projects, workspace: { ...workspace, value: { workspace: workspace.value.workspace, config, findings } } };
    },
    projectsAt: (paths) => projectsAt(paths, cwd, host),
    projectOf: (file) => projectOf(file, cwd, host),
    load: (project) => attempt(project, (reader) => loadProject(loadOptions(project, reader))),
    configure: (project) => attempt(project, (reader) => loadConfigured(analyzeOptions(project, reader))),
    analyze: (project) => attempt(project, (reader) => analyze(analyzeOptions(project, reader))),
    fix: (project, options) => attempt(project, (reader) => fixProject(analyzeOptions(project, reader), options)),
  };
}
