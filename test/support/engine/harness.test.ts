/**
 * The engine suite's harness, in the parts that need no engine: how probes are written and read,
 * how views are compared and printed, which ports a project listens on and binds, the order
 * Compose attaches networks in, what Compose refuses itself, and composure's view of a fixture.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSession, engineVersion, topologyOf } from '@composure/core';
import { rules } from '@composure/rules';
import { composeRefusal } from './compose-checks.js';
import { networksToCreate } from './compose-up.js';
import { explain, formatDifferences, viewDifferences, type KnownGap } from './compare.js';
import { composureView } from './composure-view.js';
import { hostPortsOf, withHostPorts } from './host-port-lock.js';
import { declaredPorts, listenerPorts, tokenOf } from './listeners.js';
import { networksByPriority, projectSpec, type ProjectSpec } from './model.js';
import { namesToTry } from './names.js';
import { probeScript, reachedKeys } from './probe-script.js';
import { clientsOfBinding } from './view.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/engine/', import.meta.url));

describe('probe scripts', () => {
  const targets = [
    { key: 'a → b:80', address: '10.0.0.2', port: 80, token: tokenOf('p', 'b', 80) },
    { key: 'a → b:80', address: '10.0.1.2', port: 80, token: tokenOf('p', 'b', 80) },
    { key: "it's", address: '::1', port: 81, token: "o'k" },
  ];
  it('try every target at once, quoted for sh', () => {
    const script = probeScript(targets);
    expect(script.split('\n').slice(1)).toEqual([
      "p 0 '10.0.0.2' 80 'composure-probe p/b/80' &",
      "p 1 '10.0.1.2' 80 'composure-probe p/b/80' &",
      "p 2 '::1' 81 'o'\\''k' &",
      'wait',
    ]);
  });
  it('are read back by key, whatever the line endings (a TTY writes CRLF)', () => {
    expect([...reachedKeys(targets, 'reached 1\r\nreached 2\r\nnoise\r\n')]).toEqual(['a → b:80', "it's"]);
    expect(reachedKeys(targets, '')).toEqual(new Set());
  });
});

describe('comparing views', () => {
  const engine = { reach: ['a → b:80', 'b → a:80'], ingress: ['a:80 published 8080 from the host'], egress: ['a'], names: ['a: b → b'] };
  const composure = { reach: ['a → b:80'], ingress: ['a:80 published 8080 from the host'], egress: ['a', 'b'], names: ['a: b → b'] };
  const differences = viewDifferences(engine, composure);
  it('lists the lines only one side has', () => {
    expect(differences).toEqual([
      { kind: 'reach', only: 'engine', line: 'b → a:80' },
      { kind: 'egress', only: 'composure', line: 'b' },
    ]);
  });
  it('leaves out known gaps, and returns the known gaps that did not occur', () => {
    const gaps: KnownGap[] = [
      { fixture: 'f', kind: 'reach', only: 'engine', line: 'b → a:80', issue: 'x' },
      { fixture: 'f', kind: 'ingress', only: 'engine', line: 'gone', issue: 'y' },
      { fixture: 'other', kind: 'egress', only: 'composure', line: 'b', issue: 'z' },
    ];
    const outcome = explain('f', differences, gaps);
    expect(outcome).toEqual({ unexplained: [{ kind: 'egress', only: 'composure', line: 'b' }], stale: [gaps[1]] });
    expect(formatDifferences('f', outcome)).toBe(
      [
        'f: composure and the engine disagree',
        '  composure says so, the engine did not:',
        '    egress   b',
        '  known gaps that no longer occur (remove them from test/engine/known-gaps.ts):',
        '    ingress  engine-only gone',
      ].join('\n'),
    );
  });
});

describe('ports', () => {
  it('listened on: expose (ranges too) and ports targets, TCP only; 7000 when none', () => {
    const service = {
      expose: ['3000', '4000-4001', '53/udp', 9000],
      ports: [
        { target: 80, protocol: 'tcp' },
        { target: 5353, protocol: 'udp' },
      ],
    };
    expect(declaredPorts(service)).toEqual([80, 3000, 4000, 4001, 9000]);
    expect(listenerPorts({})).toEqual([7000]);
  });
  it('bound on the host: fixed published ports, every port of a range, host-mode listeners', () => {
    const spec: ProjectSpec = {
      name: 'p',
      networks: {},
      services: {
        web: {
          ports: [
            { target: 80, published: '8080', protocol: 'tcp' },
            { target: 81, protocol: 'tcp' },
            { target: 82, published: '9000-9002', protocol: 'tcp' },
          ],
        },
        agent: { network_mode: 'host', expose: ['7100'] },
      },
    };
    expect(hostPortsOf(spec)).toEqual([7100, 8080, 9000, 9001, 9002]);
  });
  it('held by one project at a time', async () => {
    const order: string[] = [];
    const run = (name: string, ms: number) =>
      withHostPorts([8080], async () => {
        order.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        order.push(`${name} out`);
      });
    await Promise.all([run('a', 30), run('b', 1)]);
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out']);
  });
});

describe('Compose', () => {
  it('attaches a container to its networks by priority, highest first, then by key', () => {
    expect(networksByPriority({ networks: { b: null, a: null, c: { priority: 5 }, d: { priority: -1 } } })).toEqual(['c', 'a', 'b', 'd']);
  });
  it('refuses an undeclared network and a duplicated container_name itself', () => {
    expect(composeRefusal({ name: 'p', networks: {}, services: { app: { networks: { front: null } } } })).toBe(
      '(Compose) service "app" refers to undefined network front: invalid compose project',
    );
    expect(composeRefusal({ name: 'p', networks: {}, services: { a: { container_name: 'x' }, b: { container_name: 'x' } } })).toBe(
      '(Compose) container name "x" is already in use by service a',
    );
  });
});

describe('Compose creates', () => {
  it('the networks some service attaches to, by key, each once', () => {
    const spec: ProjectSpec = {
      name: 'p',
      networks: { unused: { name: 'p_unused' }, b: { name: 'p_b' }, a: { name: 'p_a' }, outside: { name: 'o', external: true } },
      services: { x: { networks: { b: null, outside: null } }, y: { networks: { a: null, b: null } } },
    };
    expect(networksToCreate(spec)).toEqual(['a', 'b']);
  });
});

describe('a binding answers', () => {
  it('both clients of its family on every interface, the host alone on the loopback', () => {
    expect(clientsOfBinding('0.0.0.0')).toEqual(['from the host', 'from outside']);
    expect(clientsOfBinding('::')).toEqual(['from the host over IPv6', 'from outside over IPv6']);
    expect(clientsOfBinding('127.0.0.1')).toEqual(['from the host']);
    expect(clientsOfBinding('::1')).toEqual(['from the host over IPv6']);
  });
});

describe("composure's view of a fixture", () => {
  const viewOf = (fixture: string, engine: string) => {
    const dir = join(FIXTURES, fixture);
    const loaded = createSession({ rules, cwd: dir, env: { ENGINE_RUN: 'r', ENGINE_LAN: 'lan0' }, projectName: 'p' }).load({
      kind: 'directory',
      directory: dir,
    });
    if (!loaded.ok) throw new Error(loaded.failure.message);
    const spec = projectSpec(loaded.value);
    const topology = topologyOf(loaded.value, engineVersion(engine));
    return composureView(spec, loaded.value, topology, namesToTry(spec, loaded.value, topology));
  };

  it('has every reach with the ports the target listens on, ingress by client and address, egress, the names each service resolves', () => {
    expect(viewOf('tiers', '20.10.24')).toEqual({
      reach: ['app → db:5432', 'app → proxy:80', 'db → app:8080', 'proxy → app:8080'],
      ingress: [
        'proxy:80 published 18221 from outside',
        'proxy:80 published 18221 from outside over IPv6',
        'proxy:80 published 18221 from the host',
        'proxy:80 published 18221 from the host over IPv6',
      ],
      egress: ['app', 'db', 'proxy'],
      names: [
        'app: <project>-db-1 → db',
        'app: <project>-proxy-1 → proxy',
        'app: db → db',
        'app: proxy → proxy',
        'db: <project>-app-1 → app',
        'db: app → app',
        'proxy: <project>-app-1 → app',
        'proxy: app → app',
      ],
    });
  });

  it('has the host-mode service reach every container, and the containers reach it, every port', () => {
    expect(viewOf('host-mode', '20.10.24').reach).toEqual([
      'agent → db:5432',
      'agent → web:80',
      'db → agent:18261',
      'db → agent:18262',
      'web → agent:18261',
      'web → agent:18262',
    ]);
  });

  it('has ephemeral ports as the engine binds them: on every interface in both families, or on the loopback', () => {
    expect(viewOf('ephemeral-ports', '20.10.24').ingress).toEqual([
      'admin:8000 published ephemeral from the host',
      'db:5432 published ephemeral from outside',
      'db:5432 published ephemeral from outside over IPv6',
      'db:5432 published ephemeral from the host',
      'db:5432 published ephemeral from the host over IPv6',
    ]);
  });

  it('has the members of a macvlan network reached from their LAN on every port', () => {
    expect(viewOf('macvlan', '20.10.24').ingress).toEqual(['camera:554 from the LAN', 'recorder:8080 from the LAN']);
  });
});
