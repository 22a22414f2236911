/**
 * "The outside": a network namespace of the suite's own behind a veth pair, with a routable
 * address that containers reach only through the host's forwarding (and Docker's NAT), as they
 * would a host on the internet. The host's own addresses cannot stand in for it: they answer even
 * containers on internal networks. It also stands for a client on the network when published
 * ports are probed (from it to the host's end of the pair).
 *
 * It is on a LAN as well: a second veth pair whose host end is left bare, for macvlan networks to
 * take as their `parent` (fixtures name it `${ENGINE_LAN}`). There the namespace holds each
 * macvlan network's gateway address while its project is up: it is the router of that LAN, so a
 * macvlan member's egress goes through it, as through a LAN's router, never through the host.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUSYBOX } from './probe-image.js';
import { probeScript, reachedKeys, type ProbeTarget } from './probe-script.js';

export interface Outside {
  /** The namespace's name (`ip netns`). */
  namespace: string;
  /** Its address, where its listener answers. */
  address: string;
  port: number;
  token: string;
  /** The host's end of the pair: an address of the host as a client on the network sees it. */
  hostAddress: string;
  /** The same two ends over IPv6 (published ports bound on `::` answer there). */
  address6: string;
  hostAddress6: string;
  /** The LAN's parent interface on the host, for macvlan networks (`driver_opts.parent`). */
  lanParent: string;
  /** The namespace's end of the LAN. */
  lanEnd: string;
}

export const OUTSIDE_PORT = 7999;
export const OUTSIDE_TOKEN = 'composure-probe outside';

const ip = (...args: string[]) => {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ip ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout;
};

/** Names for a run: interface names are at most 15 characters. */
export const outsideNames = (run: string) => ({ namespace: `${run}o`, hostEnd: `${run}h`, peerEnd: `${run}p`, lanParent: `${run}l`, lanEnd: `${run}q` });

/**
 * A /30 in 198.18.0.0/15 (RFC 2544's benchmarking range, never routed) and a /64 of unique local
 * IPv6 addresses that no interface here has yet: [host end, outside end] of each.
 */
function freeSubnets(): { v4: [string, string]; v6: [string, string] } {
  const taken = ip('-o', 'addr', 'show');
  for (;;) {
    const n = Math.floor(Math.random() * (1 << 15)) * 4;
    const base = `198.${18 + (n >> 16)}.${(n >> 8) & 255}.`;
    const host = `${base}${(n & 255) + 1}`;
    const base6 = `fd63:6d70:${(n >> 2).toString(16)}::`;
    if (!taken.includes(` ${host}/`) && !taken.includes(` ${base6}1/`)) return { v4: [host, `${base}${(n & 255) + 2}`], v6: [`${base6}1`, `${base6}2`] };
  }
}

export function createOutside(run: string): Outside & { remove(): void } {
  const { namespace, hostEnd, peerEnd, lanParent, lanEnd } = outsideNames(run);
  const {
    v4: [hostAddress, address],
    v6: [hostAddress6, address6],
  } = freeSubnets();
  const www = mkdtempSync(join(tmpdir(), 'composure-outside-'));
  writeFileSync(join(www, 'index.html'), `${OUTSIDE_TOKEN}\n`);
  let listener: ChildProcess | undefined;
  const remove = () => {
    listener?.kill();
    spawnSync('ip', ['netns', 'del', namespace]);
    spawnSync('ip', ['link', 'del', hostEnd]);
    spawnSync('ip', ['link', 'del', lanParent]);
    rmSync(www, { recursive: true, force: true });
  };
  try {
    ip('netns', 'add', namespace);
    ip('link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', peerEnd);
    ip('link', 'set', peerEnd, 'netns', namespace);
    ip('addr', 'add', `${hostAddress}/30`, 'dev', hostEnd);
    ip('link', 'set', hostEnd, 'up');
    ip('-n', namespace, 'addr', 'add', `${address}/30`, 'dev', peerEnd);
    ip('-n', namespace, 'link', 'set', peerEnd, 'up');
    ip('-n', namespace, 'link', 'set', 'lo', 'up');
    ip('-n', namespace, 'route', 'add', 'default', 'via', hostAddress);
    // nodad: usable at once, without duplicate address detection's wait.
    ip('-6', 'addr', 'add', `${hostAddress6}/64`, 'dev', hostEnd, 'nodad');
    ip('-n', namespace, '-6', 'addr', 'add', `${address6}/64`, 'dev', peerEnd, 'nodad');
    ip('link', 'add', lanParent, 'type', 'veth', 'peer', 'name', lanEnd);
    ip('link', 'set', lanEnd, 'netns', namespace);
    ip('link', 'set', lanParent, 'up');
    ip('-n', namespace, 'link', 'set', lanEnd, 'up');
    listener = spawn('ip', ['netns', 'exec', namespace, BUSYBOX, 'httpd', '-f', '-p', String(OUTSIDE_PORT), '-h', www], { stdio: 'ignore' });
    return { namespace, address, port: OUTSIDE_PORT, token: OUTSIDE_TOKEN, hostAddress, address6, hostAddress6, lanParent, lanEnd, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/** Makes the outside the router of a LAN (`cidr`: the gateway's address and the subnet's prefix, `10.231.20.1/24`) while `work` runs. */
export async function asLanRouter<T>(outside: Outside, cidrs: string[], work: () => Promise<T>): Promise<T> {
  const added: string[] = [];
  try {
    for (const cidr of cidrs) {
      ip('-n', outside.namespace, 'addr', 'add', cidr, 'dev', outside.lanEnd);
      added.push(cidr);
    }
    return await work();
  } finally {
    for (const cidr of added) ip('-n', outside.namespace, 'addr', 'del', cidr, 'dev', outside.lanEnd);
  }
}

/** Connects from the outside namespace to each target (probe-script.ts); the keys reached. */
export function probeFromOutside(outside: Outside, targets: readonly ProbeTarget[]): Promise<Set<string>> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', outside.namespace, BUSYBOX, 'sh', '-c', probeScript(targets)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', () => resolve(reachedKeys(targets, output)));
  });
}
