/**
 * The image every probe container runs: busybox-static's one binary and its applet links, made
 * into an image with `docker import` (no registry is reachable to pull one). A dynamically linked
 * busybox would not run in it: Debian's busybox-static is the one to install.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DockerApi } from './docker-api.js';

export const BUSYBOX = '/bin/busybox';

/** Imports the image under `name` (`repo:tag`). */
export async function importProbeImage(api: DockerApi, name: string): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'composure-probe-rootfs-'));
  try {
    mkdirSync(join(root, 'bin'));
    mkdirSync(join(root, 'tmp'));
    copyFileSync(BUSYBOX, join(root, 'bin', 'busybox'));
    const applets = spawnSync(BUSYBOX, ['--list'], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter((a) => a && a !== 'busybox');
    for (const applet of applets) symlinkSync('busybox', join(root, 'bin', applet));
    const tar = spawn('tar', ['-C', root, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [repo, tag] = name.split(':');
    const progress = await api.upload(
      'POST',
      `/images/create?fromSrc=-&repo=${encodeURIComponent(repo)}&tag=${encodeURIComponent(tag ?? 'latest')}`,
      tar.stdout,
      'application/x-tar',
    );
    // The engine answers 200 and reports a failure in its progress stream.
    const failure = /"error":\s*"([^"]*)"/.exec(progress);
    if (failure) throw new Error(`importing the probe image failed: ${failure[1]}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function removeProbeImage(api: DockerApi, name: string): Promise<void> {
  await api.call('DELETE', `/images/${encodeURIComponent(name)}?force=true`).catch(() => {});
}
