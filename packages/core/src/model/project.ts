import type { Document } from 'yaml';
import type { MountedConfig } from '../intent/mounted-config.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { get, isMap, type MapNode, type Node, type Pair } from '../source/node.js';
import type { SourceFile } from '../source/source-file.js';

/** A YAML file that was read as part of the project, as written (for rules about the text itself). */
export interface ComposeSource {
  file: SourceFile;
  /** Why it was read: given or discovered, or pulled in by `extends` / `include`. */
  role: 'compose' | 'extends' | 'include';
  /** The `yaml` package's documents: untouched by loading, for style rules and fixes that keep formatting. */
  yamlDocuments: Document.Parsed[];
}

/** A loaded Compose project: the merged, canonical, normalised model and where each part came from. */
export interface Project {
  /** Normalised project name. */
  name: string;
  /** The project directory: relative paths resolve against it. */
  workingDir: string;
  /** The compose files merged, in order (given with -f, from COMPOSE_FILE, or discovered). */
  configFiles: string[];
  /** Every text file read, by absolute path: compose files, extends/include targets, env files. */
  files: Map<string, SourceFile>;
  /** Every YAML file read, by absolute path. */
  sources: Map<string, ComposeSource>;
  /** The model: canonical long syntax, normalised, services disabled by profiles removed. */
  root: MapNode;
  /** Services left out by the active profiles. */
  disabledServices: Map<string, Pair>;
  /**
   * What each service's `env_file` entries set (disabled services' too), by service name, each
   * variable located in its file. Kept out of `root` so that no output shows the values; in
   * Compose the service's own `environment` overrides them.
   */
  envFileVariables: Map<string, MapNode>;
  /**
   * The proxy, load balancer and scraper configs mounted into enabled services (NGINX, HAProxy,
   * Caddyfile, Traefik, Prometheus), read through the host; their files are in `files`.
   */
  mountedConfigs: MountedConfig[];
  /** Active profiles. */
  profiles: string[];
  /** The interpolation environment (process environment over env files). */
  environment: Record<string, string>;
  /** What loading found: YAML syntax, interpolation, schema and load problems. */
  diagnostics: Diagnostic[];
}

/** Entries of a top-level section (`services`, `networks`, `volumes`, `secrets`, `configs`). */
export function section(project: Project, name: string): Pair[] {
  const node = get(project.root, name);
  return isMap(node) ? [...node.entries.values()] : [];
}

export interface ServiceEntry {
  name: string;
  /** The `name:` pair of `services`: its key locates the service. */
  pair: Pair;
  node: Node;
}

/** Each project's service entries, made once for the dozens of rules that ask (kept while its `services` mapping is the same). */
const serviceEntries = new WeakMap<Project, { of: Node | undefined; size: number; list: ServiceEntry[] }>();

export function services(project: Project): ServiceEntry[] {
  const node = get(project.root, 'services');
  const size = isMap(node) ? node.entries.size : 0;
  let cached = serviceEntries.get(project);
  if (!cached || cached.of !== node || cached.size !== size) {
    cached = { of: node, size, list: section(project, 'services').map((pair) => ({ name: String(pair.key.value), pair, node: pair.value })) };
    serviceEntries.set(project, cached);
  }
  // A copy: a caller may sort or filter what it is given.
  return cached.list.slice();
}
