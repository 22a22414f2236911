import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSession, memoryHost, nodeHost, toJS, topologyOf, type Analysis, type Host, type ProjectResult, type Session } from '@composure/core';
import { services } from '@composure/core/rule-kit';
import { parseAllDocuments, visit } from 'yaml';
import { rules, validateConfig } from '@composure/rules';

/** Committed in the repository (see its README); missing, every test here fails rather than skips. */
const corpus = fileURLToPath(new URL('../corpus/', import.meta.url));
if (!existsSync(join(corpus, 'README.md'))) throw new Error(`The corpus is missing: ${corpus}README.md does not exist.`);
/** Findings of the loader itself: a file that loads cleanly has none. */
const CORE = ['yaml-syntax', 'compose-schema', 'interpolation', 'compose-load'];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml(\.example)?$/.test(name) ? [path] : [];
  });
}

/** A session as `composure lint -f FILE...` runs, every rule on; with an empty environment unless given. */
function session(files: string[], settings: { env?: Record<string, string>; host?: Host; configFile?: false } = {}): Session {
  return createSession({ rules, validateConfig, cwd: dirname(files[0]), env: {}, preset: 'all', ...settings });
}

/** The value of a result the test counts on: a failure fails it. */
function valueOf<T>(result: ProjectResult<T>): T {
  if (!result.ok) throw new Error(`the project could not be analysed (${result.failure.kind}): ${result.failure.message}`, { cause: result.failure.cause });
  return result.value;
}

function lint(files: string[], env: Record<string, string> = {}): Analysis {
  return valueOf(session(files, { env }).analyze({ kind: 'files', files }));
}

const coreFindings = ({ findings }: Analysis) => findings.filter((f) => CORE.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.file}:${f.line} ${f.message}`);

/** YAML and env files under a folder, counted as the README's table counts them. */
function countFiles(dir: string): { yaml: number; env: number } {
  const counts = { yaml: 0, env: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    if (/\.ya?ml$/.test(entry.name)) counts.yaml++;
    else if (/^\.env(\..+)?$|\.env$/.test(entry.name)) counts.env++;
  }
  return counts;
}

/** The README's table of sources: folder → the YAML and env files it says the folder holds. */
function readmeTable(): Record<string, { yaml: number; env: number }> {
  const rows = readFileSync(join(corpus, 'README.md'), 'utf8').matchAll(/^\| `([^`/]+)\/` \|.*\| (\d+) \| (\d+) \|$/gm);
  return Object.fromEntries([...rows].map(([, folder, yaml, env]) => [folder, { yaml: Number(yaml), env: Number(env) }]));
}

/** Every finding lies inside the file it names. */
function expectValidPositions({ project, findings }: Analysis) {
  for (const f of findings) {
    const file = project.files.get(f.file);
    expect(file, f.file).toBeDefined();
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.line).toBeLessThanOrEqual(file!.lineCount);
    expect(f.end).toBeLessThanOrEqual(file!.text.length);
    expect(f.start).toBeLessThanOrEqual(f.end);
  }
}

describe('corpus of real compose files', () => {
  const files = yamlFiles(corpus).sort();
  const table = readmeTable();

  it('holds, folder by folder, the YAML and env files its README table lists', () => {
    const folders = readdirSync(corpus, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(Object.fromEntries(folders.map((folder) => [folder, countFiles(join(corpus, folder))]))).toEqual(table);
    const sum = (key: 'yaml' | 'env') => Object.values(table).reduce((n, row) => n + row[key], 0);
    expect(readFileSync(join(corpus, 'README.md'), 'utf8')).toContain(`Total: ${sum('yaml')} YAML files, ${sum('env')} env files.`);
    expect(files.filter((f) => !f.endsWith('.example'))).toHaveLength(sum('yaml'));
  });

  it('carries the upstream licence in every copied folder', () => {
    const copied = Object.keys(table).filter((folder) => folder !== 'composure');
    expect(copied.filter((folder) => !existsSync(join(corpus, folder, 'LICENSE')))).toEqual([]);
  });

  it.each(files.map((f) => [relative(corpus, f), f]))('%s loads and lints without an exception', (_, file) => {
    const result = session([file]).analyze({ kind: 'files', files: [file] });
    // Only a load failure is acceptable (e.g. a file that is not a compose file).
    if (result.ok) expectValidPositions(result.value);
    else expect(result.failure.kind).toBe('load');
  });

  it('fixes every file with every rule on: the result parses, lints with no fix left and no new YAML or schema finding, and a second --fix changes nothing', () => {
    const problems: string[] = [];
    let fixed = 0;
    for (const file of files.filter((f) => !f.endsWith('.example'))) {
      const project = { kind: 'files', files: [file] } as const;
      const fixing = (host?: Host) => session([file], { configFile: false, host });
      const fixes = fixing().fix(project);
      if (!fixes.ok) {
        if (fixes.failure.kind !== 'load') problems.push(`${relative(corpus, file)}: ${fixes.failure.message}`);
        continue;
      }
      const result = fixes.value;
      if (result.changes.length === 0) continue;
      fixed++;
      const host = memoryHost(Object.fromEntries(result.changes.map((c) => [c.path, c.fixed])), nodeHost);
      const name = relative(corpus, file);
      for (const change of result.changes) {
        const errors = parseAllDocuments(change.fixed).flatMap((d) => ('errors' in d ? d.errors : []));
        if (errors.length > 0) problems.push(`${name}: the fixed text does not parse: ${errors[0].message}`);
      }
      const before = lint([file]).findings.filter((f) => CORE.includes(f.ruleId)).length;
      const after = valueOf(fixing(host).analyze(project));
      if (after.findings.some((f) => f.fix))
        problems.push(
          `${name}: fixes left: ${after.findings
            .filter((f) => f.fix)
            .map((f) => f.ruleId)
            .join(', ')}`,
        );
      if (after.findings.filter((f) => CORE.includes(f.ruleId)).length > before) problems.push(`${name}: the fix added YAML, schema or load findings`);
      if (valueOf(fixing(host).fix(project)).changes.length > 0) problems.push(`${name}: a second fix changes the file`);
    }
    expect(problems).toEqual([]);
    expect(fixed).toBeGreaterThan(300);
  }, 180_000); // the whole corpus: long on a busy machine

  describe('composure/app-platform: anchors, merge keys, profiles and a .env', () => {
    const file = join(corpus, 'composure/app-platform/compose.yaml');
    const analysis = lint([file]);
    const { project } = analysis;

    it('loads its 100+ alias uses (more than the npm yaml default allows) without a YAML, schema or load finding', () => {
      let aliases = 0;
      for (const document of project.sources.get(file)!.yamlDocuments) visit(document, { Alias: () => void aliases++ });
      expect(aliases).toBeGreaterThan(100);
      expect(coreFindings(analysis)).toEqual([]);
    });

    it('takes the project name and the profiles from its .env: 43 services on, the devtools and jobs ones off', () => {
      expect(project.name).toBe('larkspur');
      expect(project.profiles).toEqual(['observability']);
      expect(services(project)).toHaveLength(43);
      expect([...project.disabledServices.keys()].sort()).toEqual(['adminer', 'mailpit', 'migrate', 'rabbitmq-shovel-ui', 'search-reindex', 'seed-catalog']);
    });

    it('merges the x- fields into a worker, its own keys winning over the anchors', () => {
      const root = toJS(project.root) as { services: Record<string, Record<string, unknown>> };
      const worker = root.services['worker-images'];
      expect(worker).toMatchObject({
        image: 'ghcr.io/larkspur/platform:2.14.1',
        restart: 'unless-stopped',
        logging: { driver: 'json-file', options: { 'max-size': '20m', 'max-file': '4', tag: '{{.Name}}' } },
        networks: { backend: null, data: null },
        stop_grace_period: '2m',
        // `<<` merges shallowly: the service's own deploy replaces the anchor's 512M.
        deploy: { resources: { limits: { memory: '2G' } } },
      });
      expect(root.services['worker-sms'].deploy).toEqual({ resources: { limits: { memory: '512M' } } });
      expect(worker.environment).toMatchObject({
        LARKSPUR_COMPONENT: 'worker-images',
        DATABASE_URL: 'postgres://larkspur:placeholder-postgres@postgres:5432/larkspur',
      });
      expect(Object.keys(worker.depends_on as object).sort()).toEqual(['minio', 'postgres', 'rabbitmq', 'redis-cache']);
    });
  });

  describe('composure/mail-stack: a network-heavy project and the overrides merged onto it', () => {
    const dir = join(corpus, 'composure/mail-stack');
    const base = join(dir, 'compose.yaml');
    const overrides = yamlFiles(join(dir, 'overrides')).sort();
    const override = (name: string) => join(dir, 'overrides', name, 'compose.override.yaml');
    /** Rules about addresses, subnets and names on networks: none may fire on the fixture. */
    const NETWORK_RULES = [
      'valid-static-ip',
      'valid-ipam',
      'no-subnet-overlap',
      'no-default-pool-subnet',
      'no-alias-shadowing',
      'no-undefined-network',
      'no-unresolved-host',
    ];
    const networkFindings = ({ findings }: Analysis) => findings.filter((f) => NETWORK_RULES.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.message}`);
    type Attachment = { ipv4_address?: string; ipv6_address?: string } | null;
    type Model = {
      services: Record<string, { networks?: Record<string, Attachment>; dns?: string[] }>;
      networks: Record<string, { enable_ipv6?: boolean; ipam: { config: unknown[] } }>;
    };
    const model = (analysis: Analysis) => toJS(analysis.project.root) as Model;
    const addresses = (analysis: Analysis, network: string, key: 'ipv4_address' | 'ipv6_address') =>
      Object.fromEntries(
        Object.entries(model(analysis).services).flatMap(([name, s]) => {
          const address = s.networks?.[network]?.[key];
          return address ? [[name, address]] : [];
        }),
      );
    const IPV4 = {
      resolver: '10.42.7.53',
      db: '10.42.7.20',
      cache: '10.42.7.21',
      antivirus: '10.42.7.30',
      antispam: '10.42.7.31',
      mta: '10.42.7.40',
      imap: '10.42.7.41',
      webmail: '10.42.7.50',
      admin: '10.42.7.51',
      proxy: '10.42.7.60',
      certs: '10.42.7.61',
      housekeeping: '10.42.7.70',
    };
    const IPV6 = { resolver: 'fd00:42:7::53', mta: 'fd00:42:7::40', imap: 'fd00:42:7::41', proxy: 'fd00:42:7::60' };

    it('has four overrides, in sub-folders', () => {
      expect(overrides.map((f) => relative(dir, f))).toEqual(
        ['behind-proxy', 'ipv4-only', 'metrics', 'smarthost'].map((name) => `overrides/${name}/compose.override.yaml`),
      );
    });

    it('builds the bridge with its interpolated IPv4 and IPv6 subnets, a static address per service, aliases, dns and one host-mode service', () => {
      const analysis = lint([base]);
      expect(coreFindings(analysis)).toEqual([]);
      expect(networkFindings(analysis)).toEqual([]);
      expect(model(analysis).networks).toEqual({
        mailnet: {
          name: 'mailhub_mailnet',
          driver: 'bridge',
          driver_opts: { 'com.docker.network.bridge.name': 'br-mailhub' },
          enable_ipv6: true,
          ipam: { driver: 'default', config: [{ subnet: '10.42.7.0/24', gateway: '10.42.7.1' }, { subnet: 'fd00:42:7::/64' }] },
        },
      });
      expect(addresses(analysis, 'mailnet', 'ipv4_address')).toEqual(IPV4);
      expect(addresses(analysis, 'mailnet', 'ipv6_address')).toEqual(IPV6);
      const topology = topologyOf(analysis.project);
      expect(topology.services.get('node-exporter')!.mode).toBe('host');
      expect(topology.networks.get('mailnet')!.members.sort()).toEqual(Object.keys(IPV4).sort());
      const aliases = (service: string) =>
        topology.services
          .get(service)!
          .aliases.get('mailnet')
          ?.map((a) => a.value);
      expect([aliases('mta'), aliases('imap'), aliases('antispam'), aliases('resolver')]).toEqual([
        ['smtp', 'mx'],
        ['imap', 'lmtp', 'sieve'],
        ['rspamd', 'milter'],
        ['dns'],
      ]);
      const resolving = Object.entries(model(analysis).services)
        .filter(([, s]) => s.dns)
        .map(([name, s]) => [name, s.dns]);
      expect(resolving).toEqual(['antivirus', 'antispam', 'mta', 'imap', 'webmail', 'admin', 'certs'].map((name) => [name, ['10.42.7.53']]));
    });

    it('moves subnets, addresses and dns with IPV4_NETWORK, IPV6_NETWORK and IPV6_PREFIX', () => {
      const analysis = lint([base], { IPV4_NETWORK: '192.168.90', IPV6_NETWORK: 'fd12:3456:789a::/64', IPV6_PREFIX: 'fd12:3456:789a' });
      expect(coreFindings(analysis)).toEqual([]);
      expect(model(analysis).networks.mailnet.ipam.config).toEqual([{ subnet: '192.168.90.0/24', gateway: '192.168.90.1' }, { subnet: 'fd12:3456:789a::/64' }]);
      expect(addresses(analysis, 'mailnet', 'ipv4_address').mta).toBe('192.168.90.40');
      expect(addresses(analysis, 'mailnet', 'ipv6_address').mta).toBe('fd12:3456:789a::40');
      expect(model(analysis).services.imap.dns).toEqual(['192.168.90.53']);
    });

    it.each(overrides.map((f) => [basename(dirname(f)), f]))('base + %s: two config files, no YAML, schema, load or network finding', (_, file) => {
      const analysis = lint([base, file]);
      expect(analysis.project.configFiles).toEqual([base, file]);
      expect(coreFindings(analysis)).toEqual([]);
      expect(networkFindings(analysis)).toEqual([]);
      expectValidPositions(analysis);
    });

    it('ipv4-only: the IPv6 subnet and every IPv6 address are gone (!override, !reset), the IPv4 ones stay', () => {
      const analysis = lint([base, override('ipv4-only')]);
      const { mailnet } = model(analysis).networks;
      expect([mailnet.enable_ipv6, mailnet.ipam.config]).toEqual([false, [{ subnet: '10.42.7.0/24', gateway: '10.42.7.1' }]]);
      expect(addresses(analysis, 'mailnet', 'ipv6_address')).toEqual({});
      expect(addresses(analysis, 'mailnet', 'ipv4_address')).toEqual(IPV4);
    });

    it('metrics: three more services at their static addresses, Prometheus published on loopback only', () => {
      const analysis = lint([base, override('metrics')]);
      expect(addresses(analysis, 'mailnet', 'ipv4_address')).toEqual({
        ...IPV4,
        'db-exporter': '10.42.7.80',
        'cache-exporter': '10.42.7.81',
        prometheus: '10.42.7.82',
      });
      expect(
        topologyOf(analysis.project)
          .ingress.filter((p) => p.service === 'prometheus')
          .map((p) => [p.hostIp, p.published, p.loopback]),
      ).toEqual([['127.0.0.1', '9090', true]]);
    });

    it('behind-proxy: the web proxy publishes nothing and sits on the external edge network; the ACME client is off', () => {
      const analysis = lint([base, override('behind-proxy')]);
      const topology = topologyOf(analysis.project);
      expect(topology.ingress.filter((p) => p.service === 'proxy')).toEqual([]);
      const edge = topology.networks.get('edge')!;
      expect([edge.name, edge.external, edge.members]).toEqual(['edge-proxy', true, ['proxy']]);
      expect(
        topology.services
          .get('proxy')!
          .aliases.get('edge')!
          .map((a) => a.value),
      ).toEqual(['mailhub-web']);
      expect([...analysis.project.disabledServices.keys()]).toEqual(['certs']);
    });

    it('smarthost: the MTA also sits on a second bridge, at a static address in its /29', () => {
      const analysis = lint([base, override('smarthost')]);
      expect(model(analysis).networks.outbound).toEqual({
        name: 'mailhub_outbound',
        driver: 'bridge',
        driver_opts: { 'com.docker.network.bridge.name': 'br-mailhub-out', 'com.docker.network.bridge.enable_icc': 'false' },
        ipam: { config: [{ subnet: '10.42.9.0/29', gateway: '10.42.9.1' }] },
      });
      expect(addresses(analysis, 'outbound', 'ipv4_address')).toEqual({ mta: '10.42.9.2' });
      expect(topologyOf(analysis.project).services.get('mta')!.networks.sort()).toEqual(['mailnet', 'outbound']);
    });
  });

  describe('multi-file sets', () => {
    it('netbox with its example override', () => {
      const netbox = join(corpus, 'netbox-community__netbox-docker');
      const analysis = lint([join(netbox, 'docker-compose.yml'), join(netbox, 'docker-compose.override.yml.example')]);
      expectValidPositions(analysis);
      expect(analysis.findings.filter((f) => f.ruleId === 'compose-load')).toEqual([]);
    });

    const raeffs = join(corpus, 'raeffs__docker-host/apps');
    const apps = readdirSync(raeffs).filter((a) => existsSync(join(raeffs, a, 'docker-compose.yml')));
    it('finds the 26 raeffs apps with a base file', () => {
      expect(apps).toHaveLength(26);
    });

    it.each(apps)('raeffs %s: base + ci + local + production layers', (app) => {
      const layers = ['docker-compose.yml', 'docker-compose.ci.yml', 'docker-compose.local.yml', 'docker-compose.production.yml']
        .map((f) => join(raeffs, app, f))
        .filter((f) => existsSync(f));
      const analysis = lint(layers);
      expectValidPositions(analysis);
      // Cross-directory extends (../../libs/…) must resolve.
      expect(analysis.findings.filter((f) => f.ruleId === 'compose-load')).toEqual([]);
    });
  });
});
