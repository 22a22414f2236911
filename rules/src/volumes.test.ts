import { describe, expect, it } from 'vitest';
import { memoryHost } from '@composure/core';
import { locOf, services, type Project } from '@composure/core/rule-kit';
import { ruleSession, valueOf } from './testing/session.js';
import { cleanHostPath, controlSocketOf, serviceMounts, type Mount, type Place } from './volumes.js';

function load(text: string, env: Record<string, string> = {}): Project {
  return valueOf(
    ruleSession([], { cwd: '/project', host: memoryHost({ '/project/compose.yaml': text }), env }).load({ kind: 'files', files: ['compose.yaml'] }),
  );
}

/** The mounts of the first service. */
function mountsOf(text: string, env?: Record<string, string>): { project: Project; mounts: Mount[] } {
  const project = load(text, env);
  return { project, mounts: serviceMounts(project, services(project)[0]?.node) };
}

/** The text written at a place. */
function textAt(project: Project, place: Place | undefined): string | undefined {
  const loc = place && locOf(place);
  return loc && project.files.get(loc.file)?.text.slice(loc.start, loc.end);
}

describe('serviceMounts', () => {
  it('locates each part of a literal short-syntax string', () => {
    const { project, mounts } = mountsOf('services:\n  app:\n    image: a\n    volumes:\n      - "./data:/data:ro,rshared"\n');
    expect(mounts).toHaveLength(1);
    const [mount] = mounts;
    expect(mount).toMatchObject({ syntax: 'short', type: 'bind', source: '/project/data', target: '/data', readOnly: true, propagation: 'rshared' });
    expect(mount.host).toMatchObject({ path: '/project/data', written: './data', relative: true });
    expect(textAt(project, mount.at.source)).toBe('./data');
    expect(textAt(project, mount.at.target)).toBe('/data');
    expect(textAt(project, mount.at.readOnly)).toBe('ro');
    expect(textAt(project, mount.at.propagation)).toBe('rshared');
    expect(textAt(project, mount.at.entry)).toBe('"./data:/data:ro,rshared"');
  });

  it('gives the nodes of a long-syntax mapping', () => {
    const { project, mounts } = mountsOf(
      'services:\n  app:\n    image: a\n    volumes:\n      - type: bind\n        source: //etc/\n        target: /host/etc\n        read_only: true\n        bind:\n          propagation: rslave\n',
    );
    const [mount] = mounts;
    expect(mount).toMatchObject({ syntax: 'long', type: 'bind', target: '/host/etc', readOnly: true, propagation: 'rslave' });
    expect(mount.host).toMatchObject({ path: '/etc', written: '//etc/', relative: false });
    expect(textAt(project, mount.at.source)).toBe('//etc/');
    expect(textAt(project, mount.at.readOnly)).toBe('true');
    expect(textAt(project, mount.at.propagation)).toBe('rslave');
  });

  it('tells named, anonymous and tmpfs mounts from binds', () => {
    const { project, mounts } = mountsOf(
      'services:\n  app:\n    image: a\n    volumes:\n      - data:/data\n      - /cache\n      - type: tmpfs\n        target: /tmp\nvolumes:\n  data:\n',
    );
    expect(mounts.map((m) => [m.type, m.source, m.target, m.host])).toEqual([
      ['volume', 'data', '/data', undefined],
      ['volume', undefined, '/cache', undefined],
      ['tmpfs', undefined, '/tmp', undefined],
    ]);
    expect(textAt(project, mounts[0].at.source)).toBe('data');
  });

  it('points every part of a string written with a variable at the whole string', () => {
    const { project, mounts } = mountsOf('services:\n  app:\n    image: a\n    volumes:\n      - ${DIR:-/srv/data}:/data:ro\n');
    const [mount] = mounts;
    expect(mount.host).toEqual({ path: '/srv/data', relative: false, at: mount.entry });
    expect(textAt(project, mount.at.readOnly)).toBe('${DIR:-/srv/data}:/data:ro');
  });

  it('judges a path written with a variable as relative when it resolves into the project', () => {
    const { mounts } = mountsOf('services:\n  app:\n    image: a\n    volumes:\n      - ${DIR:-./data}:/data\n');
    expect(mounts[0].host).toMatchObject({ path: '/project/data', relative: true });
  });

  it('keeps the last of several ro/rw and propagation options', () => {
    const { project, mounts } = mountsOf('services:\n  app:\n    image: a\n    volumes:\n      - /srv:/srv:ro,shared,rw,rslave\n');
    expect(mounts[0]).toMatchObject({ readOnly: false, propagation: 'rslave' });
    expect(mounts[0].at.readOnly).toBeUndefined();
    expect(locOf(mounts[0].at.propagation!)?.start).toBe(project.files.get('/project/compose.yaml')!.text.indexOf('rslave'));
  });

  it('reads a home directory from ~ as written, whatever HOME is', () => {
    const withoutHome = mountsOf('services:\n  app:\n    image: a\n    volumes:\n      - ~/.ssh:/root/.ssh:ro\n');
    expect(withoutHome.mounts[0].host).toMatchObject({ written: '~/.ssh', home: '/.ssh', relative: false });
    const withHome = mountsOf('services:\n  app:\n    image: a\n    volumes:\n      - ~:/home/me\n', { HOME: '/home/me' });
    expect(withHome.mounts[0].host).toMatchObject({ path: '/home/me', home: '', relative: false });
  });

  it('splits a Windows drive letter as Compose does', () => {
    const { project, mounts } = mountsOf('services:\n  app:\n    image: a\n    volumes:\n      - C:\\data:/data:ro\n');
    expect(mounts[0]).toMatchObject({ type: 'bind', target: '/data', readOnly: true });
    expect(textAt(project, mounts[0].at.source)).toBe('C:\\data');
    expect(mounts[0].host).toMatchObject({ path: 'C:\\data', relative: false });
  });

  it('follows a named volume that the local driver binds to a host path', () => {
    const { project, mounts } = mountsOf(
      'services:\n  app:\n    image: a\n    volumes:\n      - host-etc:/etc/host\nvolumes:\n  host-etc:\n    driver_opts:\n      type: none\n      o: bind,ro\n      device: /etc\n',
    );
    const [mount] = mounts;
    expect(mount).toMatchObject({ type: 'volume', source: 'host-etc', readOnly: true });
    expect(mount.host).toMatchObject({ path: '/etc', written: '/etc', relative: false, volume: 'host-etc' });
    expect(textAt(project, mount.host!.at)).toBe('host-etc');
    expect(textAt(project, mount.host!.deviceAt)).toBe('/etc');
    expect(textAt(project, mount.at.readOnly)).toBe('/etc');
  });

  it('skips what is not a mount and survives half-typed input', () => {
    expect(mountsOf('services:\n  app:\n    image: a\n    volumes:\n').mounts).toEqual([]);
    expect(mountsOf('services:\n  app:\n    image: a\n    volumes: [~, 42, {}, {type: bind}]\n').mounts.map((m) => m.type)).toEqual([undefined, 'bind']);
    expect(serviceMounts(load('services: {}\n'), undefined)).toEqual([]);
  });
});

describe('controlSocketOf', () => {
  it.each([
    ['/var/run/docker.sock', 'the Docker socket'],
    ['/run/user/1000/docker.sock', 'the Docker socket'],
    ['/run/podman/podman.sock', 'the Podman socket'],
    ['/run/containerd/containerd.sock', "containerd's socket"],
    ['/var/run/crio/crio.sock', "CRI-O's socket"],
    ['\\\\.\\pipe\\docker_engine', "the Docker engine's named pipe"],
    ['//./pipe/docker_engine', "the Docker engine's named pipe"],
  ])('%s is %s', (path, name) => {
    expect(controlSocketOf(path)?.name).toBe(name);
  });

  it.each(['/var/run/docker', '/var/run/docker.sock.d', '/srv/my-docker.sock', '/var/run/mysqld/mysqld.sock'])('%s is not an engine socket', (path) => {
    expect(controlSocketOf(path)).toBeUndefined();
  });
});

describe('cleanHostPath', () => {
  it.each([
    ['//var/run/docker.sock', '/var/run/docker.sock'],
    ['/etc/', '/etc'],
    ['/var/./lib/../lib/docker', '/var/lib/docker'],
    ['/', '/'],
    ['C:\\data', 'C:\\data'],
    ['//./pipe/docker_engine', '//./pipe/docker_engine'],
  ])('%s → %s', (path, clean) => {
    expect(cleanHostPath(path)).toBe(clean);
  });
});
