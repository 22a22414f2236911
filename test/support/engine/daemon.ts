/**
 * The Docker Engine the suite runs against: the one COMPOSURE_TEST_DOCKER_HOST names (a daemon a
 * developer started), else a private dockerd started for the run, with its own data root, exec
 * root, pidfile and socket in a temporary directory, stopped and removed after. Where neither
 * can be had, the reason why (the suite skips saying it, or fails under COMPOSURE_REQUIRE_TOOLS=1).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { dockerApi } from './docker-api.js';
import { BUSYBOX } from './probe-image.js';

export type Engine = { host: string; version: string; stop(): Promise<void> } | { unavailable: string };

/** How long a daemon may take to answer after it starts (containerd starts first). */
const START_TIMEOUT_MS = 60_000;

async function versionOf(host: string): Promise<string> {
  return (await dockerApi(host).call<{ Version: string }>('GET', '/version')).Version;
}

/** Other dockerd processes on this host: a second daemon would fight them over docker0 and iptables. */
function runningDaemons(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'dockerd') found.push(pid);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** Why a private daemon cannot be started here, or undefined when it can. */
function whyNoPrivateDaemon(): string | undefined {
  if (process.platform !== 'linux') return 'dockerd runs on Linux only';
  if (process.getuid?.() !== 0) return 'starting dockerd needs root (or set COMPOSURE_TEST_DOCKER_HOST to a running daemon)';
  if (spawnSync('dockerd', ['--version']).status !== 0) return '`dockerd` is not installed (apt-get install docker.io)';
  const others = runningDaemons();
  if (others.length > 0)
    return `another dockerd is running (pid ${others.join(', ')}); set COMPOSURE_TEST_DOCKER_HOST to its socket instead of starting a second one`;
  return undefined;
}

async function waitForDaemon(host: string, child: ChildProcess, log: string): Promise<string> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dockerd exited (${child.exitCode}) before answering:\n${readFileSync(log, 'utf8').slice(-2000)}`);
    try {
      return await versionOf(host);
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`dockerd did not answer on ${host} within ${START_TIMEOUT_MS / 1000} s`, { cause: error });
      await sleep(200);
    }
  }
}

/** Removes the daemon's directory, unmounting first whatever a killed daemon left mounted in it (overlay layers, netns files). */
function removeDaemonDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    const mounts = readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[1])
      .filter((point) => point?.startsWith(`${dir}/`))
      .reverse();
    for (const point of mounts) spawnSync('umount', ['-l', point]);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function startPrivateDaemon(): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'composure-dockerd-'));
  const socket = join(dir, 'docker.sock');
  const log = join(dir, 'dockerd.log');
  const out = openSync(log, 'a');
  const child = spawn(
    'dockerd',
    ['--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'), '--pidfile', join(dir, 'docker.pid'), '-H', `unix://${socket}`],
    { stdio: ['ignore', out, out] },
  );
  const host = `unix://${socket}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      // dockerd stops its containers and containerd first; past this it is killed.
      await Promise.race([exited, sleep(30_000).then(() => child.kill('SIGKILL'))]);
    }
    removeDaemonDir(dir);
  };
  try {
    return { host, version: await waitForDaemon(host, child, log), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** What the suite needs besides the engine: the probe image's busybox, and `ip` for the outside namespace. */
function whyNoTools(): string | undefined {
  if (!existsSync(BUSYBOX)) return `\`${BUSYBOX}\` is missing (apt-get install busybox-static)`;
  // A dynamically linked busybox (Debian's `busybox`) finds no libc in the probe image.
  if (/=>|ld-linux/.test(spawnSync('ldd', [BUSYBOX], { encoding: 'utf8' }).stdout ?? ''))
    return `\`${BUSYBOX}\` is dynamically linked (apt-get install busybox-static)`;
  if (spawnSync('ip', ['-V']).status !== 0) return '`ip` is not installed (apt-get install iproute2)';
  return undefined;
}

export async function startEngine(): Promise<Engine> {
  const missing = whyNoTools();
  if (missing) return { unavailable: missing };
  const given = process.env.COMPOSURE_TEST_DOCKER_HOST;
  if (given) {
    try {
      return { host: given, version: await versionOf(given), stop: async () => {} };
    } catch (error) {
      return { unavailable: `COMPOSURE_TEST_DOCKER_HOST=${given} does not answer: ${(error as Error).message}` };
    }
  }
  const why = whyNoPrivateDaemon();
  if (why) return { unavailable: why };
  try {
    return await startPrivateDaemon();
  } catch (error) {
    return { unavailable: `dockerd could not start: ${(error as Error).message}` };
  }
}
