/**
 * A service's `volumes` as the user wrote them, for rules about mounts.
 *
 * The canonical model turns every short-syntax string (`./data:/data:ro,rshared`) into a
 * long-syntax mapping whose nodes are all located at the whole string, and rewrites host
 * paths (relative paths resolved against the project directory, `~` expanded from HOME).
 * Rules want more than that: the host path as written and where exactly it was written (the
 * `./data` part of the string, not the whole string), whether it was written relative to the
 * project, and where the `ro` or `rshared` option sits. `serviceMounts` gives each mount with
 * its canonical values (what Docker gets) and the place of each part (what to report at).
 *
 * Parts of a short-syntax string are located by re-reading the file's text: when the string is
 * written literally (plain or quoted on one line, no `$` variable, no escape sequence), each part
 * gets its own sub-range; otherwise every part points at the whole string.
 *
 * Used by no-docker-socket-mount, no-sensitive-host-mount and no-shared-mount-propagation; general
 * enough for rules about named volumes:
 *
 *   for (const mount of serviceMounts(context.project, service.node)) {
 *     if (mount.type !== 'volume' || mount.source === undefined) continue; // anonymous, bind, tmpfs…
 *     // mount.source is the top-level volume key; report at mount.at.source (the name as written)
 *   }
 *
 * Also here: `controlSocketOf` (container engine sockets by name), `cleanHostPath`, and
 * `literalText` / `literalAt` (a scalar's text as written, to locate a part of any string value).
 */
import { posix } from 'node:path';
import { get, getIn, isMap, isScalar, isSeq, placeKey, str, type Loc, type MapNode, type Node, type Project } from '@composure/core/rule-kit';

/** Where something was written: a node, or a sub-range of a short-syntax string (both are valid `at` of a report). */
export type Place = Node | Loc;

/** A host path a mount exposes to the container. */
export interface HostPath {
  /**
   * The path Docker gets: after interpolation, `~` expansion and resolution of relative paths,
   * normalised (`//var/run/` → `/var/run`). Windows paths (`C:\data`, `\\.\pipe\…`) are kept as they are.
   */
  path: string;
  /** The path as written in the file (`./data`, `~/.ssh`, `/var/run/docker.sock`), when it was written literally. */
  written?: string;
  /**
   * Written relative to the project (`./data`, `../common`, a long-syntax `source: data`, a
   * relative `driver_opts.device`): a path inside the project, not a path of the host system.
   * When the path was written with a variable, a resolved path inside the project directory (or
   * the directory of the file that declared it) counts as relative.
   */
  relative: boolean;
  /**
   * Written from the home directory (`~` or `~/…`): the part after `~` (`''` for the home
   * directory itself, `/.ssh` for `~/.ssh`). `path` then depends on HOME, which may be unset.
   */
  home?: string;
  /** Where the path was written: the bind's source; for a named volume, its name in the service's entry. */
  at: Place;
  /** For a named volume that the local driver binds to a host path (`driver_opts: {o: bind, device: …}`): the volume's key. */
  volume?: string;
  /** For such a volume: where `driver_opts.device` was written. */
  deviceAt?: Place;
}

/** One entry of a service's `volumes`. */
export interface Mount {
  /** The canonical long-syntax mapping of the entry. */
  entry: MapNode;
  /** `short` for a `[source:]target[:options]` string, `long` for a mapping. */
  syntax: 'short' | 'long';
  /** `bind`, `volume`, `tmpfs`, `npipe`, `image`, `cluster`…, as the canonical form says (undefined if missing). */
  type: string | undefined;
  /** The canonical source: a host path for `bind`/`npipe` (resolved), the top-level volume key for `volume`, undefined for an anonymous volume. */
  source?: string;
  /** The path in the container. */
  target?: string;
  /** `read_only: true`, `:ro`; for a bind-backed named volume also `ro` in its `driver_opts.o`. */
  readOnly: boolean;
  /** `bind.propagation` / a short-syntax `shared`, `rshared`, `slave`, `rslave`, `private`, `rprivate` option. */
  propagation?: string;
  /** Where each part was written. For a short-syntax string written with a variable, every part is the whole string. */
  at: {
    entry: Place;
    source?: Place;
    target?: Place;
    /** The `read_only` value, or the `ro` option that made the mount read-only (the last of several). */
    readOnly?: Place;
    /** The `bind.propagation` value, or the propagation option (the last of several). */
    propagation?: Place;
  };
  /** The host path the mount exposes: for `bind` and `npipe` mounts, and for named volumes bound to a host path. */
  host?: HostPath;
}

/** A scalar's text as written, when it maps character by character onto its value. */
export interface LiteralText {
  text: string;
  file: string;
  /** Offset of `text[0]` in the file. */
  start: number;
}

/**
 * The text of a scalar as written in its file, without quotes, when it is literal: plain, single- or
 * double-quoted on one line, with no `$` (variable or `$$`) and no escape sequence, so that an offset
 * in the text is an offset in the value. Undefined otherwise (block scalars, multi-line, variables).
 */
export function literalText(project: Project, node: Node | undefined): LiteralText | undefined {
  return isScalar(node) && node.loc ? literalAt(project, node.loc) : undefined;
}

/** `literalText` of whatever scalar was written at a place. */
export function literalAt(project: Project, loc: Loc): LiteralText | undefined {
  const source = project.files.get(loc.file)?.text;
  if (source === undefined) return undefined;
  let text = source.slice(loc.start, loc.end);
  let start = loc.start;
  if (text === '' || /[\n\r$]/.test(text)) return undefined;
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    if (text.length < 2 || text[text.length - 1] !== quote) return undefined;
    text = text.slice(1, -1);
    start += 1;
    if (quote === '"' && text.includes('\\')) return undefined;
    if (quote === "'" && text.includes("'")) return undefined;
  } else if (/^[|>!&*]/.test(text)) return undefined;
  return { text, file: loc.file, start };
}

/** A piece of a literal text: its text and its place in the file. */
interface Piece {
  text: string;
  loc: Loc;
}

function piece(literal: LiteralText, from: number, to: number): Piece {
  return { text: literal.text.slice(from, to), loc: { file: literal.file, start: literal.start + from, end: literal.start + to } };
}

/**
 * The colon-separated sections of a short volume spec, located, split as compose-go's
 * format.ParseVolume splits them (a one-letter section followed by `:` is a Windows drive).
 */
function sectionsOf(literal: LiteralText): Piece[] {
  const text = literal.text;
  const sections: Piece[] = [];
  let begin = 0;
  let letters = 0; // code points in the current section
  let first = '';
  for (let i = 0; i <= text.length;) {
    const codePoint = i < text.length ? text.codePointAt(i)! : undefined;
    const width = codePoint !== undefined && codePoint > 0xffff ? 2 : 1;
    const char = codePoint === undefined ? undefined : String.fromCodePoint(codePoint);
    if (char === ':' && letters === 1 && /\p{L}/u.test(first)) {
      letters++;
      i += width;
      continue;
    }
    if (char !== undefined && char !== ':') {
      if (letters === 0) first = char;
      letters++;
      i += width;
      continue;
    }
    sections.push(piece(literal, begin, i));
    begin = i + 1;
    letters = 0;
    first = '';
    i += width;
  }
  return sections;
}

/** The comma-separated options of the third section, located. */
function optionsOf(literal: LiteralText, section: Piece): Piece[] {
  const options: Piece[] = [];
  let from = section.loc.start - literal.start;
  for (const option of section.text.split(',')) {
    options.push(piece(literal, from, from + option.length));
    from += option.length + 1;
  }
  return options;
}

const PROPAGATIONS = new Set(['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave']);

/** A path cleaned as Docker compares paths: `//var/run/` → `/var/run`. Windows paths (`C:\data`, `\\.\pipe\…`, `//./pipe/…`) are left alone. */
export function cleanHostPath(path: string): string {
  if (!path.startsWith('/') || path.startsWith('//./')) return path;
  const normalized = posix.normalize(path);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

/** Whether a path as written is absolute for Compose (POSIX, `~`, a Windows drive or UNC path). */
function writtenAbsolute(text: string): boolean {
  return text.startsWith('/') || text.startsWith('~') || text.startsWith('\\\\') || /^\p{L}:/u.test(text);
}

/** `~` or `~/…` as written: the part after `~`. */
function homePart(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (text === '~') return '';
  return text.startsWith('~/') ? text.slice(1).replace(/\/+$/, '') : undefined;
}

/** Whether a resolved path lies inside a directory (or is it). */
const inside = (path: string, dir: string) => path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

function isRelative(project: Project, written: string | undefined, resolved: string, loc: Loc | undefined): boolean {
  if (written !== undefined) return !writtenAbsolute(written);
  // Written with a variable: judge the resolved path.
  if (!writtenAbsolute(resolved)) return true;
  const dirs = [project.workingDir, ...(loc ? [posix.dirname(loc.file)] : [])];
  return dirs.some((dir) => dir !== '/' && inside(resolved, dir));
}

/** Whether two places are one place (a short-syntax string's nodes all share the string's place). */
const samePlace = (a: Loc | undefined, b: Loc | undefined) => a !== undefined && b !== undefined && placeKey(a) === placeKey(b);

/** The host path of a named volume that the local driver binds (`driver_opts: {type: none, o: bind, device: /path}`). */
function boundVolume(project: Project, name: string): { device: Node; path: string; written?: string; readOnly: boolean } | undefined {
  const volume = getIn(project.root, ['volumes', name]);
  if (!isMap(volume)) return undefined;
  const driver = str(get(volume, 'driver'));
  if (driver !== undefined && driver !== 'local') return undefined;
  const options = get(volume, 'driver_opts');
  const o = (str(get(options, 'o')) ?? '').split(',').map((option) => option.trim());
  if (!o.includes('bind') && !o.includes('rbind')) return undefined;
  const device = get(options, 'device');
  const path = str(device);
  if (!device || path === undefined || path === '') return undefined;
  return { device, path, written: literalText(project, device)?.text, readOnly: o.includes('ro') };
}

function hostPath(project: Project, path: string, written: string | undefined, at: Place, loc: Loc | undefined): HostPath {
  const home = homePart(written);
  const relative = home === undefined && isRelative(project, written, path, loc);
  const result: HostPath = { path: cleanHostPath(path), relative, at };
  if (written !== undefined) result.written = written;
  if (home !== undefined) result.home = home;
  return result;
}

const mountsOf = new WeakMap<Node, readonly Mount[]>();

/**
 * The mounts of a service (its canonical `volumes`), each with its parts and where they were written;
 * worked out once per service node, for every rule that asks (five do). Read-only for the rules.
 */
export function serviceMounts(project: Project, service: Node | undefined): readonly Mount[] {
  if (!service) return [];
  let mounts = mountsOf.get(service);
  if (!mounts) mountsOf.set(service, (mounts = readMounts(project, service)));
  return mounts;
}

function readMounts(project: Project, service: Node): Mount[] {
  const volumes = get(service, 'volumes');
  if (!isSeq(volumes)) return [];
  const mounts: Mount[] = [];
  for (const entry of volumes.items) {
    if (!isMap(entry)) continue;
    const sourceNode = get(entry, 'source');
    const targetNode = get(entry, 'target');
    const readOnlyNode = get(entry, 'read_only');
    const propagationNode = getIn(entry, ['bind', 'propagation']);
    const short = samePlace(entry.loc, (targetNode ?? sourceNode ?? get(entry, 'type'))?.loc);
    const type = str(get(entry, 'type'));
    const source = str(sourceNode);
    const mount: Mount = {
      entry,
      syntax: short ? 'short' : 'long',
      type,
      // Interpolation has cast "true"/"yes" to a boolean, as Compose does.
      readOnly: isScalar(readOnlyNode) && readOnlyNode.value === true,
      at: { entry },
    };
    if (source !== undefined && source !== '') mount.source = source;
    const target = str(targetNode);
    if (target !== undefined) mount.target = target;
    const propagation = str(propagationNode);
    if (propagation !== undefined) mount.propagation = propagation;

    // Where each part was written.
    let writtenSource: string | undefined;
    if (short) {
      const literal = entry.loc ? literalAt(project, entry.loc) : undefined;
      const sections = literal ? sectionsOf(literal) : [];
      // Trust the sections only when they give the canonical target back.
      const located = literal && sections.length >= 2 && sections.length <= 3 && cleanHostPath(sections[1].text) === cleanHostPath(target ?? '');
      mount.at.source = located ? sections[0].loc : entry;
      mount.at.target = located ? sections[1].loc : entry;
      if (located) writtenSource = sections[0].text;
      if (located && sections.length === 3) {
        for (const option of optionsOf(literal, sections[2])) {
          if (option.text === 'ro') mount.at.readOnly = option.loc;
          else if (option.text === 'rw') delete mount.at.readOnly;
          else if (PROPAGATIONS.has(option.text)) mount.at.propagation = option.loc;
        }
      }
      // Not located (written with a variable, or not literally): the whole string.
      if (mount.readOnly && !mount.at.readOnly) mount.at.readOnly = entry;
      if (propagation !== undefined && !mount.at.propagation) mount.at.propagation = entry;
    } else {
      if (sourceNode) mount.at.source = sourceNode;
      if (targetNode) mount.at.target = targetNode;
      if (mount.readOnly && readOnlyNode) mount.at.readOnly = readOnlyNode;
      if (propagationNode) mount.at.propagation = propagationNode;
      writtenSource = literalText(project, sourceNode)?.text;
    }

    // The host path it exposes.
    if ((type === 'bind' || type === 'npipe') && mount.source !== undefined && mount.at.source) {
      mount.host = hostPath(project, mount.source, writtenSource, mount.at.source, sourceNode?.loc);
    } else if (type === 'volume' && mount.source !== undefined && mount.at.source) {
      const bound = boundVolume(project, mount.source);
      if (bound) {
        mount.host = { ...hostPath(project, bound.path, bound.written, mount.at.source, bound.device.loc), volume: mount.source, deviceAt: bound.device };
        if (bound.readOnly && !mount.readOnly) {
          mount.readOnly = true;
          mount.at.readOnly = bound.device;
        }
      }
    }
    mounts.push(mount);
  }
  return mounts;
}

/** The text a message shows for a host path: as written when known, else as Docker gets it. */
export function describeHostPath(host: HostPath): string {
  return host.written ?? host.path;
}

/** A container engine's API socket: whoever can connect to it controls the engine's containers, and so the host. */
export interface ControlSocket {
  /** What a message calls it: `the Docker socket`. */
  name: string;
  /** Whom it gives control of: `the Docker daemon`. */
  controls: string;
}

/** Engine sockets by file name, wherever they live (`/var/run/docker.sock`, rootless `/run/user/1000/docker.sock`…). */
const SOCKETS: Record<string, ControlSocket> = {
  'docker.sock': { name: 'the Docker socket', controls: 'the Docker daemon' },
  'podman.sock': { name: 'the Podman socket', controls: 'Podman' },
  'containerd.sock': { name: "containerd's socket", controls: 'containerd' },
  'crio.sock': { name: "CRI-O's socket", controls: 'CRI-O' },
};

/** Docker Engine's API on Windows: the named pipe `\\.\pipe\docker_engine` (also written `//./pipe/docker_engine`). */
const DOCKER_PIPE = /^(\\\\|\/\/)\.[\\/]pipe[\\/]docker_engine$/i;

/** The container engine socket (or Docker's named pipe) a host path names, if any. */
export function controlSocketOf(path: string): ControlSocket | undefined {
  if (DOCKER_PIPE.test(path)) return { name: "the Docker engine's named pipe", controls: 'the Docker daemon' };
  const name = path.split(/[\\/]/).pop() ?? '';
  return Object.hasOwn(SOCKETS, name) ? SOCKETS[name] : undefined;
}
