/**
 * The example projects (examples/microservices, examples/ha-web-app) load cleanly,
 * and their topology is what their comments describe: networks with their internal
 * flags and members, what the outside world can enter, who has egress, who reaches
 * whom, and the path an attacker would take from the edge to the data.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSession, str, topologyOf, type AnyRule, type ProjectResult, type Topology } from '@composure/core';
import { getIn } from '@composure/core/rule-kit';
import { rules, validateConfig } from '@composure/rules';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** An example's compose file, in a session as the CLI's (its .env, its .composure.yaml or x-composure), every rule on, an empty process environment. */
function example(name: string, rules: readonly AnyRule[]) {
  const dir = join(EXAMPLES, name);
  return {
    dir,
    session: createSession({ rules, validateConfig, cwd: dir, env: {}, preset: 'all' }),
    project: { kind: 'files', files: [join(dir, 'compose.yaml')] } as const,
  };
}

/** The value of a result the test counts on: a failure fails it. */
function valueOf<T>(result: ProjectResult<T>): T {
  if (!result.ok) throw new Error(`the example could not be analysed (${result.failure.kind}): ${result.failure.message}`, { cause: result.failure.cause });
  return result.value;
}

/** Loads an example and resolves its configuration, as `composure reach` does. */
function load(name: string) {
  const { session, project: ref } = example(name, rules);
  const { project, config } = valueOf(session.configure(ref));
  return { project, config, topology: topologyOf(project) };
}

const networksOf = (t: Topology) => [...t.networks.values()].map((n) => ({ key: n.key, name: n.name, internal: n.internal, members: n.members }));
const ingressOf = (t: Topology) =>
  t.ingress.map((p) => ({ service: p.service, hostIp: p.hostIp, published: p.published, target: p.target, protocol: p.protocol, loopback: p.loopback }));
const via = (t: Topology, from: string, to: string) => t.reaches(from, to)?.via;

/**
 * The network-topology rules (RULES.md, "Network topology"). Taken from their own
 * folders as well as the registry, so that the examples are checked against every
 * network rule that exists, registered yet or not.
 */
const NETWORK_RULES = new Set([
  'reachability-policy',
  'no-exposed-datastore-access',
  'require-internal-network',
  'no-subnet-overlap',
  'no-default-pool-subnet',
  'valid-ipam',
  'valid-static-ip',
  'valid-network-driver',
  'no-undefined-network',
  'no-undefined-service',
  'no-unused-network',
  'no-unreachable-ports',
  'no-host-port-conflict',
  'no-network-mode-conflict',
  'no-unresolved-host',
  'no-unreachable-host',
  'no-alias-shadowing',
  'no-flat-network',
  'no-links',
]);
const ruleModules = import.meta.glob<Record<string, unknown>>(['../../rules/src/*/*.ts', '!../../rules/src/**/*.test.ts'], { eager: true });
const isRule = (value: unknown): value is AnyRule =>
  typeof value === 'object' && value !== null && typeof (value as AnyRule).meta?.id === 'string' && typeof (value as AnyRule).check === 'function';
const everyRule = [...new Map([...rules, ...Object.values(ruleModules).flatMap((m) => Object.values(m).filter(isRule))].map((r) => [r.meta.id, r])).values()];

/** What the network rules report on an example: `line:column severity rule-id`, in order. */
function networkFindings(name: string): string[] {
  const { dir, session, project } = example(name, everyRule);
  const { findings } = valueOf(session.analyze(project));
  return findings.filter((f) => NETWORK_RULES.has(f.ruleId)).map((f) => `${f.file.slice(dir.length + 1)}:${f.line}:${f.column} ${f.severity} ${f.ruleId}`);
}

/** Findings that mean the project did not load as Docker Compose would load it. */
const LOAD_FAILURES = new Set(['yaml-syntax', 'compose-schema', 'interpolation', 'compose-load']);

it('checks the examples against every network rule', () => {
  expect([...NETWORK_RULES].filter((id) => !everyRule.some((r) => r.meta.id === id))).toEqual([]);
});

describe.each(['microservices', 'ha-web-app'])('examples/%s', (name) => {
  it('loads without YAML, schema, interpolation or load errors', () => {
    const { session, project } = example(name, rules);
    const { findings } = valueOf(session.analyze(project));
    expect(findings.filter((f) => LOAD_FAILURES.has(f.ruleId)).map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`)).toEqual([]);
  });
});

describe('examples/microservices', () => {
  const { project, config, topology: t } = load('microservices');

  it('is the project "shop" with eleven services', () => {
    expect(project.name).toBe('shop');
    expect([...t.services.keys()]).toEqual([
      'proxy',
      'web',
      'gateway',
      'users',
      'orders',
      'payments',
      'notifications',
      'consul',
      'postgres',
      'redis',
      'adminer',
    ]);
  });

  it('has the frontend / backend / database / outbound networks, backend and database internal', () => {
    expect(networksOf(t)).toEqual([
      { key: 'frontend', name: 'shop_frontend', internal: false, members: ['proxy', 'web', 'gateway', 'adminer'] },
      { key: 'backend', name: 'shop_backend', internal: true, members: ['gateway', 'users', 'orders', 'payments', 'notifications', 'consul'] },
      { key: 'database', name: 'shop_database', internal: true, members: ['users', 'orders', 'payments', 'postgres', 'redis', 'adminer'] },
      { key: 'outbound', name: 'shop_outbound', internal: false, members: ['payments', 'notifications'] },
    ]);
  });

  it('lets the outside in through the proxy, and through the mistaken adminer port', () => {
    expect(ingressOf(t)).toEqual([
      { service: 'proxy', hostIp: undefined, published: '80', target: 80, protocol: 'tcp', loopback: false },
      { service: 'proxy', hostIp: undefined, published: '443', target: 443, protocol: 'tcp', loopback: false },
      { service: 'adminer', hostIp: undefined, published: '8080', target: 8080, protocol: 'tcp', loopback: false },
    ]);
  });

  it('gives egress only to services on frontend or outbound; the datastores, consul, users and orders have none', () => {
    expect(t.egress).toEqual(['adminer', 'gateway', 'notifications', 'payments', 'proxy', 'web']);
  });

  it('reaches as the three tiers intend', () => {
    expect(via(t, 'proxy', 'web')).toEqual(['frontend']);
    expect(via(t, 'proxy', 'gateway')).toEqual(['frontend']);
    expect(via(t, 'gateway', 'users')).toEqual(['backend']);
    expect(via(t, 'orders', 'users')).toEqual(['backend', 'database']);
    expect(via(t, 'users', 'postgres')).toEqual(['database']);
    expect(via(t, 'payments', 'notifications')).toEqual(['backend', 'outbound']);
    // Nothing public or at the edge reaches the data directly.
    expect(t.reaches('proxy', 'postgres')).toBeUndefined();
    expect(t.reaches('web', 'redis')).toBeUndefined();
    expect(t.reaches('gateway', 'postgres')).toBeUndefined();
    // Mistake 2: notifications names redis but shares no network with it.
    expect(t.reaches('notifications', 'redis')).toBeUndefined();
    expect(t.path('notifications', 'redis')).toEqual(['notifications', 'backend', 'users', 'database', 'redis']);
  });

  it('makes adminer (mistake 1) the shortest pivot from the proxy to PostgreSQL', () => {
    expect(via(t, 'adminer', 'postgres')).toEqual(['database']);
    expect(via(t, 'proxy', 'adminer')).toEqual(['frontend']);
    expect(t.path('proxy', 'postgres')).toEqual(['proxy', 'frontend', 'adminer', 'database', 'postgres']);
    expect(t.path('web', 'redis')).toEqual(['web', 'frontend', 'adminer', 'database', 'redis']);
  });

  it('gives users a second DNS name on backend only', () => {
    const users = t.services.get('users')!;
    expect([...users.aliases.entries()].map(([network, list]) => [network, list.map((a) => a.value)])).toEqual([['backend', ['users-api']]]);
    expect(users.names).toEqual(['users']);
  });

  it('shows exactly the two mistakes its header lists, through the network rules', () => {
    expect(networkFindings('microservices')).toEqual([
      // notifications: REDIS_ADDR: redis:6379 (the value)
      'compose.yaml:123:19 error no-unreachable-host',
      // adminer: `database` in its networks
      'compose.yaml:176:26 error reachability-policy',
      'compose.yaml:176:26 warning no-exposed-datastore-access',
    ]);
  });

  it('reads its three policies from .composure.yaml beside the compose file', () => {
    expect(config.policies.map((p) => p.policy)).toEqual([
      { deny: { from: 'network:frontend', to: 'network:database' }, reason: 'The frontend network faces the internet; keep the data two hops away.' },
      { deny: { from: 'label:tier=public', to: 'label:tier=data' } },
      { deny: { from: 'gateway', to: 'label:tier=data' } },
    ]);
    expect(config.policies.map((p) => p.source)).toEqual([join(EXAMPLES, 'microservices', '.composure.yaml')].flatMap((f) => [f, f, f]));
  });
});

describe('examples/ha-web-app', () => {
  const { project, config, topology: t } = load('ha-web-app');

  it('is the project "ha-web-app" with three web replicas', () => {
    expect(project.name).toBe('ha-web-app');
    expect([...t.services.keys()]).toEqual([
      'lb',
      'web1',
      'web2',
      'web3',
      'postgres-primary',
      'postgres-replica',
      'redis',
      'prometheus',
      'grafana',
      'node-exporter',
    ]);
  });

  it('has edge / app / db / monitoring networks, app and db internal', () => {
    expect(networksOf(t)).toEqual([
      { key: 'edge', name: 'ha-web-app_edge', internal: false, members: ['lb'] },
      { key: 'app', name: 'ha-web-app_app', internal: true, members: ['lb', 'web1', 'web2', 'web3', 'prometheus'] },
      { key: 'db', name: 'ha-web-app_db', internal: true, members: ['web1', 'web2', 'web3', 'postgres-primary', 'postgres-replica', 'redis'] },
      { key: 'monitoring', name: 'ha-web-app_monitoring', internal: false, members: ['prometheus', 'grafana', 'node-exporter'] },
    ]);
  });

  it('puts each network in its own /24 of 10.10.0.0/16, outside Docker’s default pools', () => {
    const subnets = [...t.networks.values()].map((n) => [n.key, str(getIn(n.node, ['ipam', 'config', 0, 'subnet']))]);
    expect(subnets).toEqual([
      ['edge', '10.10.0.0/24'],
      ['app', '10.10.1.0/24'],
      ['db', '10.10.2.0/24'],
      ['monitoring', '10.10.3.0/24'],
    ]);
  });

  it('pins the load balancer and the databases to static addresses (the replica’s with mistake 1)', () => {
    const address = (service: string, network: string) => str(getIn(t.services.get(service)!.attachments.get(network)!.value, ['ipv4_address']));
    expect(address('lb', 'edge')).toBe('10.10.0.10');
    expect(address('postgres-primary', 'db')).toBe('10.10.2.10');
    expect(address('postgres-replica', 'db')).toBe('10.10.20.11');
  });

  it('lets the outside in only through the load balancer; stats and Grafana on loopback; redis’s port (mistake 2) never bound', () => {
    expect(ingressOf(t)).toEqual([
      { service: 'lb', hostIp: undefined, published: '80', target: 80, protocol: 'tcp', loopback: false },
      { service: 'lb', hostIp: undefined, published: '443', target: 443, protocol: 'tcp', loopback: false },
      { service: 'lb', hostIp: '127.0.0.1', published: '8404', target: 8404, protocol: 'tcp', loopback: true },
      { service: 'grafana', hostIp: '127.0.0.1', published: '3000', target: 3000, protocol: 'tcp', loopback: true },
    ]);
    expect(t.services.get('redis')!.ingress).toEqual([]);
  });

  it('gives egress to the load balancer and the monitoring stack only; replicas and databases have none', () => {
    expect(t.egress).toEqual(['grafana', 'lb', 'node-exporter', 'prometheus']);
  });

  it('answers to the shared alias "web" from all three replicas on app (DNS round-robin)', () => {
    const answering = [...t.services.values()].filter((s) => s.aliases.get('app')?.some((a) => a.value === 'web')).map((s) => s.name);
    expect(answering).toEqual(['web1', 'web2', 'web3']);
    expect(t.networks.get('app')!.members).toEqual(expect.arrayContaining(answering));
    // The alias exists on app only: on db the replicas answer to their own names.
    expect(answering.map((s) => t.services.get(s)!.aliases.has('db'))).toEqual([false, false, false]);
  });

  it('reaches as the layers intend', () => {
    expect(['web1', 'web2', 'web3'].map((w) => via(t, 'lb', w))).toEqual([['app'], ['app'], ['app']]);
    expect(via(t, 'web1', 'web2')).toEqual(['app', 'db']);
    expect(via(t, 'web2', 'postgres-primary')).toEqual(['db']);
    expect(via(t, 'postgres-replica', 'postgres-primary')).toEqual(['db']);
    expect(via(t, 'prometheus', 'lb')).toEqual(['app']);
    expect(via(t, 'grafana', 'prometheus')).toEqual(['monitoring']);
    // The load balancer and the monitoring UI never touch the data directly.
    expect(t.reaches('lb', 'postgres-primary')).toBeUndefined();
    expect(t.reaches('lb', 'redis')).toBeUndefined();
    expect(t.reaches('grafana', 'postgres-primary')).toBeUndefined();
    expect(t.reaches('prometheus', 'redis')).toBeUndefined();
    expect(t.path('lb', 'postgres-primary')).toEqual(['lb', 'app', 'web1', 'db', 'postgres-primary']);
    expect(t.path('grafana', 'redis')).toEqual(['grafana', 'monitoring', 'prometheus', 'app', 'web1', 'db', 'redis']);
  });

  it('shows exactly the two mistakes its header lists, through the network rules; the zero-trust policy holds', () => {
    expect(networkFindings('ha-web-app')).toEqual([
      // postgres-replica: ipv4_address 10.10.20.11 (the value)
      'compose.yaml:116:23 error valid-static-ip',
      // redis: "6379:6379"
      'compose.yaml:127:9 warning no-unreachable-ports',
    ]);
  });

  it('reads its zero-trust policy from x-composure', () => {
    expect(config.policies).toHaveLength(1);
    const policy = config.policies[0].policy;
    expect('default' in policy && policy.default).toBe('deny');
    expect('allow' in policy && policy.allow.map((e) => [e.from, e.to])).toEqual([
      ['lb', 'label:tier=app'],
      ['label:tier=app', 'network:db'],
      ['label:tier=data', 'network:db'],
      ['prometheus', ['lb', 'label:tier=app']],
      ['label:tier=monitoring', 'network:monitoring'],
    ]);
  });
});
