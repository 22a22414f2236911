import { describe, expect, it } from 'vitest';
import type { ContainerInspect } from './api.js';
import { liveComposeText, liveModel } from './live-model.js';
import type { RunningContainer, RunningProject } from './running-project.js';

/** A running container as the engine inspects it. */
function container(name: string, id: string, labels: Record<string, string>, networkMode: string, networks: string[]): RunningContainer {
  const inspect: ContainerInspect = {
    Id: id,
    Name: `/${name}`,
    State: { Status: 'running', Running: true, ExitCode: 0 },
    Config: { Image: 'app:1', Labels: labels },
    HostConfig: { NetworkMode: networkMode },
    NetworkSettings: { Networks: Object.fromEntries(networks.map((n) => [n, { NetworkID: n }])), Ports: {} },
  };
  const project = labels['com.docker.compose.project'];
  return { id, name, project, service: labels['com.docker.compose.service'], oneoff: false, inspect };
}

const ours = (service: string) => ({ 'com.docker.compose.project': 'p', 'com.docker.compose.service': service });

describe('the live model', () => {
  const db = container('p-db-1', 'd'.repeat(64), { ...ours('db'), team: 'a$b' }, 'p_back', ['p_back']);
  const state: RunningProject = {
    name: 'p',
    engine: 'unix:///test.sock',
    containers: [
      db,
      container('p-metrics-1', 'e'.repeat(64), ours('metrics'), `container:${'d'.repeat(64)}`, []),
      container('p-probe-1', 'f'.repeat(64), ours('probe'), 'host', ['host']),
      container('p-web-1', '1'.repeat(64), ours('web'), 'p_back', ['p_back']),
      container('p-web-2', '2'.repeat(64), ours('web'), 'p_back', ['p_back', 'bridge']),
    ],
    networks: new Map([
      [
        'p_back',
        {
          Id: 'b',
          Name: 'p_back',
          Driver: 'bridge',
          Internal: true,
          IPAM: {},
          Options: { 'com.docker.network.bridge.enable_icc': 'false' },
          Labels: { 'com.docker.compose.project': 'p', 'com.docker.compose.network': 'back' },
        },
      ],
      ['bridge', { Id: 'c', Name: 'bridge', Driver: 'bridge', Internal: false, IPAM: {}, Options: {}, Labels: {} }],
    ]),
    foreign: [],
    networksWatched: new Set(['p_back']),
  };

  it('a service with several containers is one service per container; shared namespaces and host mode as Compose writes them', () => {
    expect(liveModel(state)).toEqual({
      name: 'p',
      services: {
        db: { image: 'app:1', labels: { team: 'a$b' }, networks: { back: {} } },
        metrics: { image: 'app:1', network_mode: 'service:db' },
        probe: { image: 'app:1', network_mode: 'host' },
        'p-web-1': { image: 'app:1', networks: { back: {} } },
        'p-web-2': { image: 'app:1', networks: { back: {}, bridge: {} } },
      },
      networks: {
        back: { name: 'p_back', driver: 'bridge', internal: true, driver_opts: { 'com.docker.network.bridge.enable_icc': 'false' } },
        bridge: { name: 'bridge', driver: 'bridge' },
      },
    });
  });

  it('as compose file text, a `$` is doubled so that interpolation gives it back', () => {
    expect(liveComposeText(state)).toContain('"team": "a$$b"');
  });
});
