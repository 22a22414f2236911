import { get, isSeq, str, type Node } from '../source/node.js';
import { imagePorts } from '../topology/image-ports.js';

/**
 * The container ports a service is known to listen on: its `expose` entries, its `ports`
 * targets, and its image's well-known ports. `complete` is false when none of these says
 * anything (an image composure does not know): then no port can be judged.
 */
export function listeningPorts(service: Node | undefined): { ports: number[]; complete: boolean } {
  const ports = new Set<number>();
  const expose = get(service, 'expose');
  for (const item of isSeq(expose) ? expose.items : []) {
    const m = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(str(item) ?? '');
    if (!m) continue;
    for (let p = Number(m[1]); p <= Number(m[2] ?? m[1]) && p - Number(m[1]) < 1000; p++) ports.add(p);
  }
  const published = get(service, 'ports');
  for (const port of isSeq(published) ? published.items : []) {
    const target = Number(str(get(port, 'target')));
    if (Number.isInteger(target)) ports.add(target);
  }
  const written = [...ports];
  const known = imagePorts(str(get(service, 'image')));
  for (const p of known ?? []) ports.add(p);
  return { ports: [...ports].sort((a, b) => a - b), complete: written.length > 0 || known !== undefined };
}

/** The one port a service is known to listen on, as Traefik and caddy-docker-proxy pick it, or undefined. */
export function singlePort(service: Node | undefined): number | undefined {
  const { ports } = listeningPorts(service);
  return ports.length === 1 ? ports[0] : undefined;
}
