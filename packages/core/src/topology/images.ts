import picomatch from 'picomatch';

/**
 * Image references and what they are: the repository without registry or tag,
 * glob matching for `image:GLOB` selectors and `datastores:`, and datastore detection.
 */

export interface ImageRef {
  /** As written. */
  raw: string;
  /** The registry host, when the first component is one (has a dot or a port, or is `localhost`). */
  registry?: string;
  /** Path without registry, tag or digest: `bitnami/postgresql`, `postgres`, `mssql/server`. */
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImage(raw: string): ImageRef {
  let rest = raw.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  // Docker Hub's official images live under `library/`.
  if (rest.startsWith('library/')) rest = rest.slice('library/'.length);
  return { raw, registry, repository: rest.toLowerCase(), tag, digest };
}

const globCache = new Map<string, (s: string) => boolean>();

/**
 * Whether an image matches a glob. The glob is tried against the reference as written,
 * without its registry, and the repository alone, so `mycorp/ledger*` matches
 * `registry.example.com/mycorp/ledger:2.1`.
 */
export function imageMatches(image: string, glob: string): boolean {
  let match = globCache.get(glob);
  if (!match) globCache.set(glob, (match = picomatch(glob, { nocase: true })));
  const ref = parseImage(image);
  const withoutRegistry = ref.registry ? image.slice(ref.registry.length + 1) : image;
  return match(image) || match(withoutRegistry) || match(ref.repository);
}

/**
 * Last path components of images that hold data: the official images and the usual
 * community builds (bitnami/postgresql, postgis/postgis, timescale/timescaledb-ha…).
 * Exporters, admin UIs and clients (postgres-exporter, mongo-express) are not datastores.
 */
const DATASTORE_NAMES = new Set([
  'postgres',
  'postgresql',
  'postgresql-repmgr',
  'postgis',
  'timescaledb',
  'timescaledb-ha',
  'pgvector',
  'supabase-postgres',
  'mysql',
  'mysql-server',
  'percona',
  'percona-server',
  'mariadb',
  'mariadb-galera',
  'mongo',
  'mongodb',
  'mongodb-community-server',
  'mongodb-sharded',
  'redis',
  'redis-stack',
  'redis-stack-server',
  'redis-cluster',
  'valkey',
  'valkey-cluster',
  'keydb',
  'dragonfly',
  'memcached',
  'elasticsearch',
  'opensearch',
  'solr',
  'meilisearch',
  'typesense',
  'cassandra',
  'scylla',
  'couchdb',
  'couchbase',
  'influxdb',
  'clickhouse',
  'clickhouse-server',
  'neo4j',
  'cockroach',
  'arangodb',
  'rethinkdb',
  'questdb',
  'etcd',
  'qdrant',
  'weaviate',
  'milvus',
  'azure-sql-edge',
]);

/** Repositories whose last component is too generic to judge alone. */
const DATASTORE_REPOSITORIES = new Set(['mssql/server', 'mssql/rhel/server']);

/** Whether an image is a datastore: a well-known database image under any registry, namespace or tag, or a configured glob. */
export function isDatastoreImage(image: string | undefined, extraGlobs: readonly string[] = []): boolean {
  if (!image) return false;
  const { repository } = parseImage(image);
  const last = repository.slice(repository.lastIndexOf('/') + 1);
  if (DATASTORE_NAMES.has(last)) return true;
  for (const known of DATASTORE_REPOSITORIES) if (repository === known || repository.endsWith(`/${known}`)) return true;
  return extraGlobs.some((glob) => imageMatches(image, glob));
}

const datastoreCache = new WeakMap<object, Map<string, Set<string>>>();

/**
 * The services of a topology whose image is a datastore, computed once per topology and
 * `datastores:` setting (rules ask about every member of every network).
 */
export function datastoreServices(topology: { services: ReadonlyMap<string, { image?: string }> }, extraGlobs: readonly string[] = []): ReadonlySet<string> {
  let byGlobs = datastoreCache.get(topology);
  if (!byGlobs) datastoreCache.set(topology, (byGlobs = new Map()));
  const key = extraGlobs.join('\0');
  let names = byGlobs.get(key);
  if (!names) {
    names = new Set([...topology.services].filter(([, s]) => isDatastoreImage(s.image, extraGlobs)).map(([name]) => name));
    byGlobs.set(key, names);
  }
  return names;
}
