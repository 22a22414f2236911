/**
 * What an earlier run left behind when it was killed before its teardown (containers, networks,
 * the outside namespace), removed at the start of the next. A run is named after the process
 * that made it (`cmpt<pid>`), so only runs whose process is gone are touched, never one still
 * going beside this one on a shared daemon.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { DockerApi } from './docker-api.js';
import { outsideNames } from './outside.js';

/** The label every object the suite creates carries: its run's name. */
export const RUN_LABEL = 'composure.test.engine-run';

/** This process's run name: a prefix for every name the suite gives. */
export const runName = (pid = process.pid): string => `cmpt${pid}`;

/** The run's probe image (probe-image.ts). */
export const probeImageName = (run: string): string => `${run}-probe:latest`;

const isGone = (run: string) => {
  const pid = /^cmpt(\d+)$/.exec(run)?.[1];
  return pid !== undefined && !existsSync(`/proc/${pid}`);
};

export async function removeStaleRuns(api: DockerApi): Promise<void> {
  const filter = encodeURIComponent(JSON.stringify({ label: [RUN_LABEL] }));
  const containers = await api.call<{ Id: string; Labels: Record<string, string> }[]>('GET', `/containers/json?all=true&filters=${filter}`);
  for (const c of containers) if (isGone(c.Labels[RUN_LABEL])) await api.call('DELETE', `/containers/${c.Id}?force=true&v=true`).catch(() => {});
  const networks = await api.call<{ Id: string; Labels: Record<string, string> }[]>('GET', `/networks?filters=${filter}`);
  for (const n of networks) if (isGone(n.Labels[RUN_LABEL])) await api.call('DELETE', `/networks/${n.Id}`).catch(() => {});
  const images = await api.call<{ Id: string; RepoTags: string[] | null }[]>('GET', '/images/json');
  for (const image of images) {
    const run = image.RepoTags?.map((tag) => /^(cmpt\d+)-probe:/.exec(tag)?.[1]).find((r) => r !== undefined);
    if (run && isGone(run)) await api.call('DELETE', `/images/${image.Id}?force=true`).catch(() => {});
  }
  const namespaces = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout;
  for (const match of namespaces.matchAll(/^(cmpt\d+)o\b/gm)) {
    if (!isGone(match[1])) continue;
    const { namespace, hostEnd, lanParent } = outsideNames(match[1]);
    spawnSync('ip', ['netns', 'del', namespace]);
    spawnSync('ip', ['link', 'del', hostEnd]);
    spawnSync('ip', ['link', 'del', lanParent]);
  }
}
