/**
 * What each service listens on while the engine suite probes it: a busybox httpd on every TCP
 * port its `expose` and `ports` targets name (a default port when it names none), each serving
 * a token naming the project, service and port, so that a probe knows whom it reached: not a
 * container of another project that got the same address, nor something on the host.
 */
import type { ServiceSpec } from './model.js';

/** The port a service that names none listens on. */
export const DEFAULT_PORT = 7000;

/** `80`, `8000-8001`, `53/udp` → TCP ports. */
function tcpPorts(text: string): number[] {
  const [range, protocol = 'tcp'] = text.split('/');
  if (protocol !== 'tcp') return [];
  const [first, last = first] = range.split('-').map(Number);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** The TCP ports the service names, sorted; none for a service that names none. */
export function declaredPorts(service: ServiceSpec): number[] {
  const ports = new Set<number>();
  for (const text of service.expose ?? []) for (const port of tcpPorts(String(text))) ports.add(port);
  for (const port of service.ports ?? []) if (port.protocol === 'tcp') ports.add(port.target);
  return [...ports].sort((a, b) => a - b);
}

/** The TCP ports the service listens on during the test. */
export function listenerPorts(service: ServiceSpec): number[] {
  const ports = declaredPorts(service);
  return ports.length > 0 ? ports : [DEFAULT_PORT];
}

/** What a listener on `port` answers: who it is. */
export const tokenOf = (project: string, service: string, port: number): string => `composure-probe ${project}/${service}/${port}`;

/**
 * The container's command: an httpd per port, each with a directory holding its token, then
 * `/ready` once every port answers locally (the harness waits for it before probing).
 */
export function listenerCommand(project: string, service: string, ports: number[]): string[] {
  const start = ports.map((p) => `mkdir -p /srv/${p} && echo '${tokenOf(project, service, p)}' > /srv/${p}/index.html && httpd -f -p ${p} -h /srv/${p} &`);
  const ready = ports.map((p) => `until echo | nc 127.0.0.1 ${p} >/dev/null 2>&1; do sleep 0.05; done`);
  return ['sh', '-c', [...start, ...ready, 'touch /ready', 'wait'].join('\n')];
}
