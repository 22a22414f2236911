import { describe, expect, it } from 'vitest';
import { memoryHost } from '../host.js';
import { loadProject } from '../load/load-project.js';
import {
  hostReferences,
  hostResolver,
  hostSpansInUrls,
  hostSpansInValue,
  hostsInUrls,
  hostsInValue,
  isHostVariable,
  isJudgedHost,
  parseHostPort,
} from './host-references.js';

const load = (text: string, profiles?: string[]) =>
  loadProject({ host: memoryHost({ '/p/compose.yaml': text }), cwd: '/p', env: {}, ...(profiles && { profiles }) });

describe('host spans', () => {
  it('say where each host starts in the value, credentials and brackets skipped', () => {
    expect(hostSpansInUrls('postgres://u:p@db:5432/app http://[::1]:80/ mongodb://a:1,b:2/x')).toEqual([
      { host: 'db', port: 5432, start: 15 },
      { host: '::1', port: 80, start: 35 },
      { host: 'a', port: 1, start: 54 },
      { host: 'b', port: 2, start: 58 },
    ]);
    expect(hostSpansInValue('kafka-1:9092, kafka-2:9092')).toEqual([
      { host: 'kafka-1', port: 9092, start: 0 },
      { host: 'kafka-2', port: 9092, start: 14 },
    ]);
    expect(hostSpansInValue('local:redis:6379')).toEqual([]);
  });
});

describe('hostsInUrls', () => {
  it.each([
    ['postgres://app:hunter2@db:5432/app', ['db']],
    ['postgres://app@db/app', ['db']],
    ['redis://:hunter2@cache:6379/0', ['cache']],
    ['redis://cache', ['cache']],
    ['HTTP://Search:9200/_cluster/health?pretty=true#top', ['Search']],
    ['http://api:8080?next=http%3A%2F%2Fother', ['api']],
    ['http://api/v1?upstream=db:5432', ['api']],
    ['mongodb://root:pw@mongo-1:27017,mongo-2:27017,mongo-3/app?replicaSet=rs0', ['mongo-1', 'mongo-2', 'mongo-3']],
    ['INTERNAL://kafka:9093,EXTERNAL://localhost:9092', ['kafka', 'localhost']],
    ['jdbc:postgresql://pg:5432/app', ['pg']],
    ['-Dspring.datasource.url=jdbc:mysql://mysql:3306/app -Xmx1g', ['mysql']],
    ['http://[::1]:8080/', ['::1']],
    ['http://[2001:db8::1]/', ['2001:db8::1']],
    ['amqp://user:p@ss:word@rabbit:5672/', ['rabbit']],
    ['tcp://proxy:2375|label', ['proxy']],
    ['http://+:80', ['+']],
    ['http://*:80;http://api:81', ['*', 'api']],
  ])('%s → %j', (value, hosts) => {
    expect(hostsInUrls(value)).toEqual(hosts);
  });

  it('skips schemes without a host, empty hosts and non-port suffixes', () => {
    expect(hostsInUrls('s3://uploads/images')).toEqual([]);
    expect(hostsInUrls('unix:///var/run/docker.sock')).toEqual([]);
    expect(hostsInUrls('file:///etc/app.conf')).toEqual([]);
    expect(hostsInUrls('postgres://:@:5432/?sslmode=verify-full')).toEqual([]);
    expect(hostsInUrls('https://')).toEqual([]);
    expect(hostsInUrls('http://db:port/')).toEqual([]);
    expect(hostsInUrls('no url here: db:5432')).toEqual([]);
  });

  it('never returns a credential', () => {
    for (const value of ['redis://:s3cr3t@cache:6379', 'postgres://admin:s3cr3t@db/app', 'mongodb://u:s3cr3t@a:1,b:2/x']) {
      expect(hostsInUrls(value).join(' ')).not.toContain('s3cr3t');
    }
  });
});

describe('hostsInValue and parseHostPort', () => {
  it.each([
    ['db', ['db']],
    ['db:5432', ['db']],
    ['kafka-a:9092,kafka-b:9092', ['kafka-a', 'kafka-b']],
    ['a b;c', ['a', 'b', 'c']],
    ['[fe80::1]:80', ['fe80::1']],
    ['fe80::1', ['fe80::1']],
    ['10.0.0.1:53', ['10.0.0.1']],
    [':8080', []],
    ['local:redis:6379', []],
    ['user@example.org', []],
    ['db:port', []],
    ['db/path', []],
    ['<your-mail-domain>', ['<your-mail-domain>']],
    ['', []],
  ])('%j → %j', (value, hosts) => {
    expect(hostsInValue(value)).toEqual(hosts);
  });

  it('parses one entry', () => {
    expect(parseHostPort('db:5432')).toBe('db');
    expect(parseHostPort('[::1]')).toBe('::1');
    expect(parseHostPort('[::1')).toBeUndefined();
    expect(parseHostPort(':80')).toBe('');
  });
});

describe('isJudgedHost', () => {
  it.each(['db', 'DB', 'my_db', 'postgres-14', 'a', '3proxy'])('judges %s', (host) => {
    expect(isJudgedHost(host)).toBe(true);
  });
  it.each([
    'db.example.com',
    'host.docker.internal',
    'db.',
    '10.0.0.1',
    '::1',
    'fe80::1',
    '0xdeadbeef',
    '0x71C7656EC7ab88b098defB751B7401B5f6d8976F',
    '%',
    'localhost',
    'LocalHost',
    'ip6-localhost',
    '1234',
    'true',
    'No',
    '',
    '${DB}',
    '-db',
    'db-',
    '*',
    '+',
    '<your-mail-domain>',
    'x'.repeat(64),
  ])('does not judge %j', (host) => {
    expect(isJudgedHost(host)).toBe(false);
  });
});

describe('isHostVariable', () => {
  it.each([
    'DB_HOST',
    'db_host',
    'DB_HOSTNAME',
    'REDIS_ADDR',
    'METRICS_ADDRESS',
    'SMTP_SERVER',
    'POSTGRES_SERVERS',
    'ELASTICSEARCH_HOSTS',
    'discovery.seed_hosts',
    'CACHE__MEMCACHE__SERVER',
    'PGHOST',
    'WAIT_HOSTS',
  ])('%s holds a host', (name) => {
    expect(isHostVariable(name)).toBe(true);
  });
  it.each([
    'HOST',
    'HOSTNAME',
    'SERVER',
    'REDISHOST',
    'RABBITMQ_DEFAULT_VHOST',
    'DB_HOST_PORT',
    'VIRTUAL_HOST',
    'LETSENCRYPT_HOST',
    'ALLOWED_HOSTS',
    'DJANGO_ALLOWED_HOSTS',
    'TRUSTED_PROXIES',
    'BIND_ADDR',
    'LISTEN_ADDR',
    'HTTP_BIND_ADDRESS',
    'OLEFY_BINDADDRESS',
    'KAFKA_ADVERTISED_HOST_NAME',
    'KC_HOSTNAME',
    'PUBLIC_HOSTNAME',
    'SMTP_FROM_ADDRESS',
    'MAIL_ADDRESS',
    'EMAIL_ADDRESS',
    'USE_X_FORWARDED_HOST',
    'CONTAINER_MAC_ADDRESS',
  ])('%s does not', (name) => {
    expect(isHostVariable(name)).toBe(false);
  });
});

describe('hostReferences', () => {
  const project = load(`
services:
  web:
    image: web:1
    environment:
      - DB_HOST=db:5432
      - DATABASE_URL=postgres://app:pw@db/app
      - MONGO_URL=mongodb://m1:1,m2:2/x
      - VIRTUAL_HOST=shop
      - SMTP_HOST=smtp.example.org
      - RETRIES_HOST=3
      - ESCAPED_HOST=$\${DB}
      - EMPTY_HOST=
      - UNSET_HOST
      - PLAIN=db
    links: [db, "cache:redis"]
    external_links: ["legacy_1:legacy"]
  db:
    image: postgres:17
    environment:
      FLAG_HOST: true
      PORT_ADDR: 5432
  tool:
    image: tool:1
    profiles: [tools]
    environment:
      TARGET_HOST: db
`);

  it('lists URL hosts, host variables and links of enabled services, in order', () => {
    expect(hostReferences(project).map((r) => [r.service, r.source, r.variable ?? '', r.host, r.alias ?? ''])).toEqual([
      ['web', 'variable', 'DB_HOST', 'db', ''],
      ['web', 'url', 'DATABASE_URL', 'db', ''],
      ['web', 'url', 'MONGO_URL', 'm1', ''],
      ['web', 'url', 'MONGO_URL', 'm2', ''],
      ['web', 'link', '', 'db', ''],
      ['web', 'link', '', 'cache', 'redis'],
      ['web', 'external_link', '', 'legacy_1', 'legacy'],
    ]);
  });

  it('points each at the scalar that holds it', () => {
    const text = project.files.get('/p/compose.yaml')!.text;
    const at = (i: number) => {
      const loc = hostReferences(project)[i].node.loc!;
      return text.slice(loc.start, loc.end);
    };
    expect(at(0)).toBe('DB_HOST=db:5432');
    expect(at(5)).toBe('"cache:redis"');
  });
});

describe('hostResolver', () => {
  const project = load(`
name: shop
services:
  web:
    image: web:1
    hostname: frontend
    networks: [front, back]
    extra_hosts: ["legacy=10.0.0.5"]
    links: ["api:backend"]
    external_links: ["old_cache_1:old-cache"]
  api:
    image: api:1
    networks: [back]
  db:
    image: postgres:17
    container_name: shop-postgres
    networks:
      data:
        aliases: [Primary]
      back:
  search:
    image: search:1
    networks: [data]
  vpn:
    image: vpn:1
    networks: [front]
  torrent:
    image: torrent:1
    network_mode: service:vpn
  agent:
    image: agent:1
    network_mode: host
  probe:
    image: probe:1
    network_mode: container:outside
  lonely:
    image: lonely:1
    networks: [quiet]
  quiet-peer:
    image: peer:1
    networks: [quiet]
  mail:
    image: mailhog:1
    profiles: [dev]
    networks:
      front:
        aliases: [smtp]
networks:
  front:
  back:
  data:
  quiet:
    driver_opts:
      com.docker.network.bridge.enable_icc: "false"
`);
  const resolver = hostResolver(project);
  const brief = (service: string, host: string) => {
    const r = resolver.resolve(service, host);
    return {
      kind: r.kind,
      reachable: r.reachable,
      shared: r.shared,
      providers: r.providers.map((p) => `${p.service}/${p.by}/${p.networks.join('+')}`),
      ...(r.local && { local: r.local }),
      ...(r.disabled.length && { disabled: r.disabled }),
    };
  };

  it('resolves a service by its own names as itself', () => {
    for (const host of ['web', 'WEB', 'frontend', 'shop-web-1', 'shop_web_1']) expect(brief('web', host)).toMatchObject({ kind: 'self', reachable: true });
  });

  it('resolves what the service itself adds: extra_hosts, links and external_links (targets and aliases)', () => {
    expect(brief('web', 'legacy')).toMatchObject({ kind: 'local', local: 'extra_hosts' });
    expect(brief('web', 'backend')).toMatchObject({ kind: 'local', local: 'links' });
    expect(brief('web', 'Old-Cache')).toMatchObject({ kind: 'local', local: 'external_links' });
    expect(brief('web', 'old_cache_1')).toMatchObject({ kind: 'local', local: 'external_links' });
    expect(resolver.resolve('web', 'backend', { local: false }).kind).toBe('unknown');
    expect(brief('api', 'legacy').kind).toBe('unknown');
  });

  it('finds the services answering to a name and the networks where they do, case-insensitively', () => {
    expect(brief('web', 'DB')).toEqual({ kind: 'service', reachable: true, shared: ['back'], providers: ['db/service/data+back'] });
    expect(brief('web', 'shop-postgres')).toMatchObject({ kind: 'service', reachable: true, providers: ['db/container_name/data+back'] });
    expect(brief('api', 'shop-api-2')).toMatchObject({ kind: 'self' });
    expect(brief('web', 'shop-api-3')).toMatchObject({ kind: 'service', reachable: true, providers: ['api/container/back'] });
    // Compose's container name is replaced by container_name.
    expect(brief('web', 'shop-db-1').kind).toBe('unknown');
  });

  it('answers an alias only on its own network', () => {
    expect(brief('web', 'primary')).toEqual({ kind: 'service', reachable: false, shared: [], providers: ['db/alias/data'] });
    expect(brief('search', 'primary')).toMatchObject({ kind: 'service', reachable: true, shared: ['data'] });
  });

  it('reports a service on no shared network as unreachable', () => {
    expect(brief('web', 'search')).toEqual({ kind: 'service', reachable: false, shared: [], providers: ['search/service/data'] });
    expect(resolver.networksOf('web')).toEqual(['front', 'back']);
  });

  it('gives a namespace sharer no name of its own, and resolves for it as for its owner', () => {
    expect(brief('web', 'torrent')).toEqual({ kind: 'service', reachable: false, shared: [], providers: ['torrent/service/'] });
    expect(resolver.resolve('web', 'torrent').providers[0]).toMatchObject({ mode: 'service', namespaceOf: 'vpn' });
    expect(brief('torrent', 'web')).toMatchObject({ kind: 'service', reachable: true, shared: ['front'] });
    expect(resolver.networksOf('torrent')).toEqual(['front']);
  });

  it('resolves no service name on the host network, and gives a host-mode service no name', () => {
    expect(brief('agent', 'api')).toMatchObject({ kind: 'service', reachable: false });
    expect(brief('web', 'agent')).toMatchObject({ kind: 'service', reachable: false, providers: ['agent/service/'] });
    expect(resolver.networksOf('agent')).toEqual([]);
  });

  it('treats a network with inter-container communication disabled as no way through', () => {
    expect(brief('lonely', 'quiet-peer')).toEqual({ kind: 'service', reachable: false, shared: ['quiet'], providers: ['quiet-peer/service/quiet'] });
  });

  it('answers on every key of one Docker network (two keys with one name:)', () => {
    const shared = hostResolver(
      load(`
name: p
services:
  a:
    image: a:1
    networks: [first]
  b:
    image: b:1
    networks:
      second:
        aliases: [bee]
networks:
  first:
    name: lan
  second:
    name: lan
`),
    );
    expect(shared.resolve('a', 'b')).toMatchObject({ kind: 'service', reachable: true, shared: ['first'] });
    expect(shared.resolve('a', 'bee').providers.map((p) => p.networks)).toEqual([['first', 'second']]);
    expect(shared.resolve('b', 'a')).toMatchObject({ kind: 'service', reachable: true, shared: ['second'] });
  });

  it('does not judge a service living in a namespace outside the project', () => {
    expect(brief('probe', 'anything').kind).toBe('opaque');
    // A provider there may well be reached: it is not judged either.
    expect(brief('web', 'probe')).toMatchObject({ kind: 'service', reachable: true });
    // service:X with X missing (no-undefined-service's error): nothing to judge.
    const orphan = hostResolver(load('services:\n  a: { image: a:1, network_mode: "service:gone" }\n  b: { image: b:1 }\n'));
    expect(orphan.resolve('a', 'b').kind).toBe('opaque');
    expect(orphan.resolve('b', 'a')).toMatchObject({ kind: 'service', reachable: true });
  });

  it('is built once per project', () => {
    expect(hostResolver(project)).toBe(resolver);
  });

  it('tells a name only a disabled service provides from one nothing provides', () => {
    expect(brief('web', 'SMTP')).toMatchObject({ kind: 'disabled', disabled: ['mail'] });
    expect(brief('web', 'mail')).toMatchObject({ kind: 'disabled', disabled: ['mail'] });
    expect(brief('web', 'nowhere')).toMatchObject({ kind: 'unknown', reachable: false });
    expect(resolver.disabledNames.get('mail')).toEqual(['mail', 'smtp']);
  });

  it('lists the names a service could mean, without its own', () => {
    const known = resolver.knownNames('web');
    expect(known).toEqual(expect.arrayContaining(['api', 'db', 'shop-postgres', 'Primary', 'legacy', 'backend', 'old-cache']));
    expect(known).not.toContain('web');
    expect(known).not.toContain('frontend');
  });

  it('resolves links by service name only', () => {
    expect(resolver.resolveLink('web', 'api')).toMatchObject({ kind: 'service', reachable: true, shared: ['back'] });
    expect(resolver.resolveLink('web', 'search')).toMatchObject({ kind: 'service', reachable: false });
    expect(resolver.resolveLink('web', 'shop-postgres').kind).toBe('unknown');
    expect(resolver.resolveLink('web', 'mail')).toMatchObject({ kind: 'disabled', disabled: ['mail'] });
  });

  it('connects links between two services on Docker default bridge', () => {
    const bridge = hostResolver(
      load(`
services:
  app: { image: app:1, network_mode: bridge, links: [db] }
  db: { image: db:1, network_mode: bridge }
  other: { image: other:1 }
`),
    );
    expect(bridge.resolveLink('app', 'db')).toMatchObject({ kind: 'service', reachable: true });
    expect(bridge.resolveLink('app', 'other')).toMatchObject({ kind: 'service', reachable: false });
    expect(bridge.resolve('app', 'other')).toMatchObject({ kind: 'service', reachable: false });
  });

  it('survives half-typed input', () => {
    const odd = load(`
services:
  a:
    image: a:1
    environment: { X_HOST: [1, 2], Y_HOST: { k: v }, Z_HOST: null }
    links: [null, 3, ""]
    extra_hosts: 5
    networks: { default: { aliases: [null, 7] } }
  b:
    image: b:1
    networks: 12
`);
    expect(() => hostReferences(odd)).not.toThrow();
    const r = hostResolver(odd);
    expect(() => [r.resolve('a', 'b'), r.resolve('b', 'a'), r.resolve('missing', 'a'), r.resolveLink('a', 'b'), r.knownNames('a')]).not.toThrow();
  });
});
