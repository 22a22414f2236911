/**
 * driftOf on engine answers written as the Engine API gives them (the shapes the real-engine
 * tests in test/e2e/drift see), for the cases a hand-changed project on the test engine does not
 * show: port ranges and interfaces, publish-all, finished jobs, profiles, one-off containers,
 * host mode, external and foreign-made networks.
 */
import { createSession, memoryHost, type Project } from '@composure/core';
import { describe, expect, it } from 'vitest';
import type { ContainerInspect, NetworkResource, PortMap } from '../api.js';
import type { RunningContainer, RunningProject } from '../running-project.js';
import { driftOf } from './drift.js';

function load(text: string, profiles: string[] = []): Project {
  const result = createSession({ rules: [], cwd: '/p', env: {}, profiles, host: memoryHost({ '/p/compose.yaml': text }) }).load({
    kind: 'files',
    files: ['/p/compose.yaml'],
  });
  if (!result.ok) throw new Error(result.failure.message);
  return result.value;
}

interface ContainerSpec {
  service?: string;
  project?: string;
  oneoff?: boolean;
  networks?: Record<string, { aliases?: string[]; ip?: string }>;
  networkMode?: string;
  bindings?: PortMap;
  bound?: PortMap;
  state?: { Status: string; Running: boolean; ExitCode: number };
  restart?: string;
}

let ids = 0;
function container(name: string, spec: ContainerSpec): RunningContainer {
  const id = (++ids).toString(16).padStart(64, 'a');
  const labels: Record<string, string> = {};
  if (spec.project !== undefined) labels['com.docker.compose.project'] = spec.project;
  if (spec.service !== undefined) labels['com.docker.compose.service'] = spec.service;
  const inspect: ContainerInspect = {
    Id: id,
    Name: `/${name}`,
    State: spec.state ?? { Status: 'running', Running: true, ExitCode: 0 },
    Config: { Image: 'x', Labels: labels },
    HostConfig: { NetworkMode: spec.networkMode ?? 'default', PortBindings: spec.bindings ?? {}, RestartPolicy: { Name: spec.restart ?? '' } },
    NetworkSettings: {
      Networks: Object.fromEntries(
        Object.entries(spec.networks ?? {}).map(([network, e]) => [
          network,
          {
            NetworkID: network,
            Aliases: [name, spec.service ?? '', id.slice(0, 12), ...(e.aliases ?? [])],
            IPAMConfig: e.ip ? { IPv4Address: e.ip } : null,
            IPAddress: e.ip ?? '10.9.0.2',
          },
        ]),
      ),
      Ports: spec.bound ?? {},
    },
  };
  return { id, name, project: spec.project, service: spec.service, oneoff: spec.oneoff ?? false, inspect };
}

function network(name: string, key: string | undefined, more: Partial<NetworkResource> = {}): NetworkResource {
  const labels = key === undefined ? {} : { 'com.docker.compose.project': 'p', 'com.docker.compose.network': key };
  return { Id: name, Name: name, Driver: 'bridge', Internal: false, IPAM: { Config: [] }, Options: {}, Labels: labels, ...more };
}

function running(containers: RunningContainer[], networks: NetworkResource[], foreign: RunningContainer[] = []): RunningProject {
  return { name: 'p', engine: 'unix:///test.sock', containers, networks: new Map(networks.map((n) => [n.Name, n])), foreign, networksWatched: new Set() };
}

const messages = (project: Project, state: RunningProject) => driftOf(project, state).map((f) => `${f.kind}: ${f.message}`);

describe('port-mismatch', () => {
  const project = load('name: p\nservices:\n  db:\n    image: x\n    ports: ["127.0.0.1::5432", "8000-8010:80", "9000:9000"]\n');
  const db = (bindings: PortMap, bound: PortMap = {}) => container('p-db-1', { project: 'p', service: 'db', networks: { p_default: {} }, bindings, bound });

  it('a range, an ephemeral port on one interface and 0.0.0.0 for every interface are what the files say', () => {
    const bindings = {
      '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
      '80/tcp': [{ HostIp: '', HostPort: '8000-8010' }],
      '9000/tcp': [{ HostIp: '0.0.0.0', HostPort: '9000' }],
    };
    expect(messages(project, running([db(bindings)], [network('p_default', 'default')]))).toEqual([]);
  });

  it('a port bound without being asked for (publish-all) is reported once, though the engine lists it for IPv4 and IPv6', () => {
    const bindings = {
      '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
      '80/tcp': [{ HostIp: '', HostPort: '8000-8010' }],
      '9000/tcp': [{ HostIp: '', HostPort: '9000' }],
    };
    const bound = {
      '6000/tcp': [
        { HostIp: '0.0.0.0', HostPort: '49153' },
        { HostIp: '::', HostPort: '49153' },
      ],
      '7000/udp': null,
    };
    expect(messages(project, running([db(bindings, bound)], [network('p_default', 'default')]))).toEqual([
      'port-mismatch: container p-db-1 binds 49153:6000, which the files do not publish for service db',
    ]);
  });

  it('a port published on another interface, and one not published at all', () => {
    const bindings = { '5432/tcp': [{ HostIp: '', HostPort: '' }], '80/tcp': [{ HostIp: '', HostPort: '8000-8010' }] };
    expect(messages(project, running([db(bindings)], [network('p_default', 'default')]))).toEqual([
      'port-mismatch: container p-db-1 does not publish 9000:9000, which the files publish for service db',
      'port-mismatch: container p-db-1 publishes 5432; the files publish 127.0.0.1::5432 for service db',
    ]);
  });
});

describe('missing-container and extra-container', () => {
  const project = load('name: p\nservices:\n  job:\n    image: x\n  web:\n    image: x\n  admin:\n    image: x\n    profiles: [debug]\n');
  const networks = [network('p_default', 'default')];
  const on = { p_default: {} };

  it('a job that exited 0 with no restart policy has finished; one restarted always is missing', () => {
    const exited = { Status: 'exited', Running: false, ExitCode: 0 };
    const web = container('p-web-1', { project: 'p', service: 'web', networks: on });
    expect(messages(project, running([container('p-job-1', { project: 'p', service: 'job', networks: on, state: exited }), web], networks))).toEqual([]);
    expect(
      messages(project, running([container('p-job-1', { project: 'p', service: 'job', networks: on, state: exited, restart: 'always' }), web], networks)),
    ).toEqual(['missing-container: service job has no running container (p-job-1 exited with code 0)']);
  });

  it('a container of a service the active profiles leave out is not extra, nor a one-off container (docker compose run)', () => {
    const containers = [
      container('p-job-1', { project: 'p', service: 'job', networks: on }),
      container('p-web-1', { project: 'p', service: 'web', networks: on }),
      container('p-admin-1', { project: 'p', service: 'admin', networks: on }),
      container('p-gone-run-1a2b', { project: 'p', service: 'gone', oneoff: true, networks: on }),
    ];
    expect(messages(project, running(containers, networks))).toEqual([]);
    expect(messages(load('name: p\nservices:\n  job:\n    image: x\n  web:\n    image: x\n'), running(containers, networks))).toEqual([
      'extra-container: container p-admin-1 belongs to service admin, which the files do not declare',
    ]);
  });
});

describe('network modes and networks', () => {
  it('host mode is the host network; a host-mode service on a network of its own has drifted', () => {
    const project = load('name: p\nservices:\n  probe:\n    image: x\n    network_mode: host\n');
    const onHost = container('p-probe-1', { project: 'p', service: 'probe', networkMode: 'host', networks: { host: {} } });
    expect(messages(project, running([onHost], [network('host', undefined, { Driver: 'host' })]))).toEqual([]);
    const onBridge = container('p-probe-1', { project: 'p', service: 'probe', networks: { p_default: {} } });
    expect(messages(project, running([onBridge], [network('p_default', 'default')]))).toEqual([
      'extra-attachment: container p-probe-1 is connected to network p_default, which the files do not attach service probe to',
      'missing-attachment: container p-probe-1 is not connected to network host, which the files attach service probe to',
      'network-mismatch: network default (p_default) belongs to the project, but the files do not declare it',
    ]);
  });

  it('an external network is only looked for; a network of the same name that Compose did not make is said to be so', () => {
    const project = load('name: p\nservices:\n  web:\n    image: x\n    networks: [shared, own]\nnetworks:\n  shared:\n    external: true\n  own: {}\n');
    const web = container('p-web-1', { project: 'p', service: 'web', networks: { p_own: {} } });
    expect(messages(project, running([web], [network('p_own', undefined)]))).toEqual([
      'missing-attachment: container p-web-1 is not connected to network shared, which the files attach service web to',
      'network-mismatch: network own (p_own) was not created by Compose (it has no project label)',
      'network-mismatch: external network shared does not exist on the engine',
    ]);
  });

  it('a gateway other than the files give, and a container of no project on an own network', () => {
    const project = load(
      'name: p\nservices:\n  web:\n    image: x\nnetworks:\n  default:\n    ipam:\n      config:\n        - subnet: 10.9.0.0/24\n          gateway: 10.9.0.1\n',
    );
    const web = container('p-web-1', { project: 'p', service: 'web', networks: { p_default: {} } });
    const stray = container('stray', { networks: { p_default: {} }, state: { Status: 'exited', Running: false, ExitCode: 1 } });
    const engine = network('p_default', 'default', { IPAM: { Config: [{ Subnet: '10.9.0.0/24', Gateway: '10.9.0.254' }] } });
    expect(messages(project, running([web], [engine], [stray]))).toEqual([
      'network-mismatch: network default (p_default) has gateway 10.9.0.254 for 10.9.0.0/24 on the engine, 10.9.0.1 in the files',
      'foreign-container: container stray (exited), of no Compose project, is connected to network default (p_default)',
    ]);
  });
});
