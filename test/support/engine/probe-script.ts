/**
 * One shell script that tries many TCP connections at once, in busybox's sh (inside a probe
 * container, or on the host in the outside namespace): each sends an HTTP request and counts as
 * reached only when the answer carries the listener's token. Connections to a dropped address
 * time out; run together, a whole script takes one timeout, not one per target.
 */

export interface ProbeTarget {
  /** What the result is filed under; several targets may share one (any address that answers reaches it). */
  key: string;
  address: string;
  port: number;
  /** What the listener answers (listeners.ts, tokenOf). */
  token: string;
}

/** Seconds a connection may take before it counts as dropped. */
const CONNECT_TIMEOUT = 2;

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function probeScript(targets: readonly ProbeTarget[]): string {
  const lines = [
    // libc name resolution crashes in the static busybox: every target is an address.
    `p() { r=$(printf 'GET / HTTP/1.0\\r\\n\\r\\n' | timeout ${CONNECT_TIMEOUT + 1} nc -w ${CONNECT_TIMEOUT} "$2" "$3" 2>/dev/null); case "$r" in *"$4"*) echo "reached $1";; esac; }`,
    ...targets.map((t, i) => `p ${i} ${quote(t.address)} ${t.port} ${quote(t.token)} &`),
    'wait',
  ];
  return lines.join('\n');
}

/** The keys of the targets the script's output says were reached. */
export function reachedKeys(targets: readonly ProbeTarget[], output: string): Set<string> {
  const reached = new Set<string>();
  for (const match of output.matchAll(/^reached (\d+)\s*$/gm)) reached.add(targets[Number(match[1])].key);
  return reached;
}

/** How long after a first probe the reached targets are tried again. */
const CONFIRM_AFTER_MS = 300;

/**
 * The keys reached twice, 300 ms apart: what the engine allows steadily, not a connection that
 * slipped through while another client of the daemon (a developer's, on a shared one) created a
 * network (firewall-lock.ts). Only what was reached is tried again, which answers at once.
 */
export async function reachedTwice(probe: (targets: readonly ProbeTarget[]) => Promise<Set<string>>, targets: readonly ProbeTarget[]): Promise<Set<string>> {
  const first = await probe(targets);
  if (first.size === 0) return first;
  await new Promise((resolve) => setTimeout(resolve, CONFIRM_AFTER_MS));
  const again = await probe(targets.filter((t) => first.has(t.key)));
  return new Set([...first].filter((key) => again.has(key)));
}
