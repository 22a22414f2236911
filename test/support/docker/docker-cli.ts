/**
 * The docker CLI against the test's engine, for the tests that change a running project by hand
 * as a user would (`docker network connect`, `docker rm -f`, …). The engine is the one
 * COMPOSURE_TEST_DOCKER_HOST names, never DOCKER_HOST (which may be a machine that matters):
 * without it the tests skip, saying why; under .ci/run (COMPOSURE_REQUIRE_TOOLS=1) they fail.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The probe image: busybox (static) alone, imported (no registry is reachable to pull one). */
export const PROBE_IMAGE = 'drift-probe:1';

export interface Docker {
  host: string;
  /** Runs `docker ARGS`; throws with its output when it fails. Returns its standard output, trimmed. */
  (...args: string[]): string;
}

export function dockerAt(host: string): Docker {
  const docker = (...args: string[]) => {
    const result = spawnSync('docker', args, { env: { PATH: process.env.PATH, DOCKER_HOST: host }, encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`docker ${args.join(' ')} failed (${result.status ?? result.error?.message}): ${result.stderr}`);
    return result.stdout.trim();
  };
  return Object.assign(docker, { host });
}

/** The engine to test against, or undefined after saying why there is none (an error under COMPOSURE_REQUIRE_TOOLS=1). */
export function testEngine(test: string): Docker | undefined {
  const host = process.env.COMPOSURE_TEST_DOCKER_HOST;
  const why =
    host === undefined || host === ''
      ? 'COMPOSURE_TEST_DOCKER_HOST is not set (point it at a Docker Engine the test may create containers on, e.g. unix:///run/docker.sock)'
      : spawnSync('docker', ['--version']).status !== 0
        ? '`docker` is not installed (apt-get install docker.io)'
        : spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { env: { PATH: process.env.PATH, DOCKER_HOST: host }, timeout: 20_000 })
              .status !== 0
          ? `no Docker Engine answers at COMPOSURE_TEST_DOCKER_HOST=${host}`
          : undefined;
  if (why === undefined) return dockerAt(host!);
  if (process.env.COMPOSURE_REQUIRE_TOOLS === '1') throw new Error(`${test}: ${why}, and COMPOSURE_REQUIRE_TOOLS=1`);
  console.warn(`${test}: skipped — ${why}`);
  return undefined;
}

/** Imports the probe image from /bin/busybox unless it is there; true when this call imported it (and so should remove it). */
export function ensureProbeImage(docker: Docker): boolean {
  if (docker('images', '-q', PROBE_IMAGE) !== '') return false;
  const root = mkdtempSync(join(tmpdir(), 'drift-probe-'));
  try {
    mkdirSync(join(root, 'bin'));
    copyFileSync('/bin/busybox', join(root, 'bin/busybox'));
    const applets = spawnSync(join(root, 'bin/busybox'), ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    for (const applet of applets) if (applet !== 'busybox') symlinkSync('busybox', join(root, 'bin', applet));
    const tar = spawnSync('tar', ['-C', root, '-c', ...readdirSync(root)], { maxBuffer: 64 * 1024 * 1024 });
    const imported = spawnSync('docker', ['import', '-', PROBE_IMAGE], { input: tar.stdout, env: { PATH: process.env.PATH, DOCKER_HOST: docker.host } });
    if (imported.status !== 0) throw new Error(`docker import failed: ${imported.stderr}`);
    return true;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Removes every container and network whose name starts with `prefix` (what a test made), whatever state they are in. */
export function removeAllNamed(docker: Docker, prefix: string): void {
  const containers = docker('ps', '-aq', '--filter', `name=^/?${prefix}`).split('\n').filter(Boolean);
  if (containers.length > 0) docker('rm', '-f', '-v', ...containers);
  const networks = docker('network', 'ls', '--format', '{{.Name}}')
    .split('\n')
    .filter((name) => name.startsWith(prefix));
  if (networks.length > 0) docker('network', 'rm', ...networks);
}
