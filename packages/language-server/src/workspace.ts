/**
 * The language server's state: open documents (incremental sync), which core's sessions read over
 * the disk (an unsaved buffer wins), a disk cache that is only emptied when a watcher says a file
 * changed, and the projects the open compose documents belong to — with every path each load
 * read or looked for (the session's dependencies), so that a change to an override file, a `.env`, an `extends`/`include`
 * target or a `.composure.yaml` (even one that did not exist yet) re-validates its dependants.
 */
import { basename, dirname, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import {
  CONFIG_FILE_NAMES,
  createSession,
  isComposeFileName,
  nodeHost,
  type Analysis,
  type Documents,
  type Failure,
  type Finding,
  type Host,
  type Session,
} from '@composure/core';
import { rules, validateConfig } from '@composure/rules';
import { uriToPath } from './convert.js';
import type { Settings } from './protocol.js';
import { DEFAULT_SETTINGS } from './settings.js';

export type DocumentKind = 'compose' | 'config' | 'other';

/** The ordering rules, on, for formatting (their fixes only are applied). */
const ORDERING_ON: Record<string, 'warning'> = Object.fromEntries(
  rules.filter((r) => r.meta.id.endsWith('-order')).map((r) => [r.meta.id, 'warning' as const]),
);

const matchers = new Map<string, (path: string) => boolean>();
function matcherOf(pattern: string): (path: string) => boolean {
  let matcher = matchers.get(pattern);
  if (!matcher) {
    // A pattern without a slash matches a file name anywhere; a relative one matches at any depth.
    const full = pattern.includes('/') ? (pattern.startsWith('/') || pattern.startsWith('**') ? pattern : `**/${pattern}`) : `**/${pattern}`;
    matcher = picomatch(full, { dot: true });
    matchers.set(pattern, matcher);
  }
  return matcher;
}

/** What a file is to composure: a compose file (by name or `composure.files`), a configuration file, or anything else. */
export function documentKind(path: string, settings: Pick<Settings, 'files'> = DEFAULT_SETTINGS): DocumentKind {
  const name = basename(path);
  if (CONFIG_FILE_NAMES.includes(name)) return 'config';
  if (isComposeFileName(name)) return 'compose';
  const slashed = sep === '/' ? path : path.split(sep).join('/');
  return settings.files.some((pattern) => matcherOf(pattern)(slashed)) ? 'compose' : 'other';
}

/**
 * The disk, read once per file: later reads are served from memory until `invalidate` (a watcher
 * event, a save, a buffer closed). `reads` counts real reads, for tests and the benchmark.
 */
export class DiskCache implements Host {
  private readonly files = new Map<string, Uint8Array | undefined>();
  private readonly kinds = new Map<string, 'file' | 'directory' | 'none'>();
  reads = 0;

  constructor(private readonly disk: Host = nodeHost) {}

  readFile(path: string): Uint8Array | undefined {
    if (this.files.has(path)) return this.files.get(path);
    this.reads++;
    const bytes = this.disk.readFile(path);
    this.files.set(path, bytes);
    return bytes;
  }

  private kind(path: string): 'file' | 'directory' | 'none' {
    let kind = this.kinds.get(path);
    if (!kind) {
      kind = this.disk.isFile(path) ? 'file' : this.disk.isDirectory(path) ? 'directory' : 'none';
      this.kinds.set(path, kind);
    }
    return kind;
  }

  isFile(path: string): boolean {
    return this.kind(path) === 'file';
  }

  isDirectory(path: string): boolean {
    return this.kind(path) === 'directory';
  }

  /** Not cached: a file created in a mounted directory shows at the next analysis. */
  listDirectory(path: string): string[] | undefined {
    return this.disk.listDirectory?.(path);
  }

  invalidate(path: string): void {
    this.files.delete(path);
    this.kinds.delete(path);
  }

  clear(): void {
    this.files.clear();
    this.kinds.clear();
  }
}

/** One project: the compose files merged and the settings it is loaded with; its last analysis. */
export interface ProjectState {
  key: string;
  /** The compose files, in merge order. */
  files: string[];
  settings: Settings;
  /** Where relative settings (configFile, envFiles) resolve: the workspace folder, else the first file's directory. */
  base: string;
  /** The session of those settings. */
  session: Session;
  analysis?: Analysis;
  /** Why the project could not be analysed (a load or configuration failure, or a crash). */
  failure?: { message: string; file?: string; internal?: boolean };
  /** Every path the last load read or looked for. */
  dependencies: ReadonlySet<string>;
  dirty: boolean;
  /** Bumped by every analysis. */
  generation: number;
}

export interface WorkspaceOptions {
  disk?: Host;
  /** The interpolation environment; default the process environment. */
  env?: Record<string, string>;
  /** Workspace folder paths. */
  folders?: string[];
}

/** A failure as the editor shows it: a crash says so. */
function shownFailure(failure: Failure): ProjectState['failure'] {
  return failure.kind === 'internal' ? { message: `internal error: ${failure.message}`, internal: true } : { message: failure.message, file: failure.file };
}

export class Workspace {
  readonly disk: DiskCache;
  folders: string[];
  private readonly env: Record<string, string> | undefined;
  private readonly documents = new Map<string, TextDocument>();
  /** The open documents' texts, which win over the disk (unsaved text wins). */
  private readonly texts: Documents = {
    get: (path) => this.documents.get(path)?.getText(),
    has: (path) => this.documents.has(path),
    keys: () => this.documents.keys(),
  };
  private readonly sessions = new Map<string, Session>();
  private readonly projects = new Map<string, ProjectState>();

  constructor(options: WorkspaceOptions = {}) {
    this.disk = options.disk instanceof DiskCache ? options.disk : new DiskCache(options.disk);
    this.env = options.env;
    this.folders = options.folders ?? [];
  }

  // ---- documents -------------------------------------------------------------------------

  open(uri: string, text: string, version = 0, languageId = 'yaml'): string | undefined {
    const path = uriToPath(uri);
    if (!path) return undefined;
    this.documents.set(path, TextDocument.create(uri, languageId, version, text));
    this.changed(path);
    return path;
  }

  /** Applies incremental (or full) changes; a change to a document that is not open is ignored. */
  change(uri: string, changes: TextDocumentContentChangeEvent[], version: number): string | undefined {
    const path = uriToPath(uri);
    const document = path === undefined ? undefined : this.documents.get(path);
    if (!path || !document) return undefined;
    this.documents.set(path, TextDocument.update(document, changes, version));
    this.changed(path);
    return path;
  }

  close(uri: string): string | undefined {
    const path = uriToPath(uri);
    if (!path || !this.documents.delete(path)) return undefined;
    // What is on disk now may be what was saved from the buffer.
    this.disk.invalidate(path);
    this.changed(path);
    return path;
  }

  /** A file changed on disk (watcher) or was saved: forget what was read of it. */
  fileChanged(path: string): void {
    this.disk.invalidate(path);
    this.changed(path);
  }

  private changed(path: string): void {
    for (const project of this.projects.values()) if (project.dependencies.has(path)) project.dirty = true;
  }

  document(uriOrPath: string): TextDocument | undefined {
    const path = uriOrPath.startsWith('file:') ? uriToPath(uriOrPath) : uriOrPath;
    return path === undefined ? undefined : this.documents.get(path);
  }

  /** Open documents by path. */
  openDocuments(): Map<string, TextDocument> {
    return this.documents;
  }

  /** The URI a client knows a file by: its own for an open document. */
  uriOf(path: string): string | undefined {
    return this.documents.get(path)?.uri;
  }

  // ---- projects --------------------------------------------------------------------------

  private baseOf(path: string): string {
    const folder = this.folders.filter((f) => path === f || path.startsWith(f.endsWith(sep) ? f : f + sep)).sort((a, b) => b.length - a.length)[0];
    return folder ?? dirname(path);
  }

  /** The session of some settings in a folder: relative settings resolve against the folder. */
  private sessionFor(settings: Settings, base: string, ruleOverrides?: Record<string, 'warning'>): Session {
    const key = JSON.stringify([base, settings.configFile, settings.profiles, settings.envFiles, ruleOverrides ?? null]);
    let session = this.sessions.get(key);
    if (!session) {
      session = createSession({
        rules,
        validateConfig,
        cwd: base,
        env: this.env,
        host: this.disk,
        documents: this.texts,
        incremental: true,
        configFile: settings.configFile ? resolve(base, settings.configFile) : undefined,
        profiles: settings.profiles,
        envFiles: settings.envFiles,
        ruleOverrides,
      });
      this.sessions.set(key, session);
    }
    return session;
  }

  /**
   * The project a compose file belongs to: the files Docker Compose would pick in its directory
   * (compose.yaml and its override) when it is one of them, else the file on its own.
   */
  projectFor(path: string, settings: Settings = DEFAULT_SETTINGS): ProjectState {
    const base = this.baseOf(path);
    const session = this.sessionFor(settings, base);
    const files = [...session.projectOf(path).files];
    const key = JSON.stringify([files, base, settings.configFile, settings.profiles, settings.envFiles]);
    let project = this.projects.get(key);
    if (!project) {
      project = { key, files, settings, base, session, dependencies: new Set(files), dirty: true, generation: 0 };
      this.projects.set(key, project);
    }
    return project;
  }

  /** The project analysed (again, when anything it read changed since). */
  analyzed(project: ProjectState): ProjectState {
    if (!project.dirty) return project;
    const result = project.session.analyze({ kind: 'files', files: project.files });
    project.analysis = result.ok ? result.value : undefined;
    project.failure = result.ok ? undefined : shownFailure(result.failure);
    project.dependencies = result.dependencies;
    project.dirty = false;
    project.generation++;
    return project;
  }
  /** The analysed project a compose file belongs to. */
  analysisFor(path: string, settings: Settings = DEFAULT_SETTINGS): ProjectState {
    return this.analyzed(this.projectFor(path, settings));
  }

  /**
   * A compose file's text after every pass of its project's fixes, unsaved buffers included: what
   * `composure lint --fix` would write (core's fixProject). Undefined when the project cannot be loaded.
   */
  fixedText(path: string, settings: Settings = DEFAULT_SETTINGS): string | undefined {
    const project = this.projectFor(path, settings);
    const result = project.session.fix({ kind: 'files', files: project.files });
    if (!result.ok) return undefined;
    return result.value.changes.find((change) => change.path === path)?.fixed ?? this.documents.get(path)?.getText();
  }

  /**
   * A compose file's text with the ordering rules' fixes applied (`*-order`: top-level keys,
   * service keys, services, dependencies, ports), on whether or not the configuration turns them
   * on, with its options: formatting. Undefined when the project cannot be loaded.
   */
  formattedText(path: string, settings: Settings = DEFAULT_SETTINGS): string | undefined {
    const project = this.projectFor(path, settings);
    const session = this.sessionFor(settings, project.base, ORDERING_ON);
    const result = session.fix({ kind: 'files', files: project.files }, { rules: (id) => Object.hasOwn(ORDERING_ON, id) });
    if (!result.ok) return undefined;
    return result.value.changes.find((change) => change.path === path)?.fixed ?? this.documents.get(path)?.getText();
  }

  /**
   * The files of the open documents' projects that are not open themselves (an override file,
   * `.env` and env files, `.composure.yaml`, extends and include targets), with their findings:
   * workspace diagnostics, so that what a change breaks there shows without opening them.
   */
  closedProjectFiles(): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    for (const project of this.projects.values()) {
      const analysed = this.analyzed(project);
      const files = new Set([
        ...(analysed.analysis?.project.files.keys() ?? []),
        ...[...analysed.dependencies].filter((p) => CONFIG_FILE_NAMES.includes(basename(p))),
      ]);
      for (const path of files) {
        if (this.documents.has(path) || out.has(path) || !this.disk.isFile(path)) continue;
        out.set(path, this.findingsIn(path, project.settings).findings);
      }
    }
    return out;
  }

  /** Projects whose last load read (or looked for) a path. */
  dependants(path: string): ProjectState[] {
    return [...this.projects.values()].filter((p) => p.dependencies.has(path));
  }

  allProjects(): ProjectState[] {
    return [...this.projects.values()];
  }

  /** Forgets projects no open document belongs to any more, and the sessions of settings none of them uses. */
  prune(keep: Iterable<ProjectState>): void {
    const kept = new Set([...keep].map((p) => p.key));
    for (const key of this.projects.keys()) if (!kept.has(key)) this.projects.delete(key);
    const used = new Set([...this.projects.values()].map((p) => p.session));
    for (const [key, session] of this.sessions) if (!used.has(session)) this.sessions.delete(key);
  }

  /**
   * The findings to show in a file: for a compose file, its project's findings in it; for any other
   * file (.env, .composure.yaml, an extends target), those of every project that read it, once each.
   * Suppressed findings are left out, as every report does.
   */
  findingsIn(path: string, settings: Settings = DEFAULT_SETTINGS): { findings: Finding[]; failures: ProjectState['failure'][]; projects: ProjectState[] } {
    const projects = documentKind(path, settings) === 'compose' ? [this.analysisFor(path, settings)] : this.dependants(path).map((p) => this.analyzed(p));
    const seen = new Set<string>();
    const findings: Finding[] = [];
    const failures: ProjectState['failure'][] = [];
    for (const project of projects) {
      if (project.failure && (project.files.includes(path) || project.failure.file === path)) failures.push(project.failure);
      for (const finding of project.analysis?.findings ?? []) {
        if (finding.file !== path || finding.suppressed) continue;
        const key = `${finding.ruleId}\0${finding.start}\0${finding.end}\0${finding.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(finding);
      }
    }
    return { findings, failures, projects };
  }
}
