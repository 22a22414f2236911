/**
 * The port syntaxes Docker parses itself, following docker/go-connections
 * `nat.ParsePortSpec` (which compose-go uses for the short `ports` syntax):
 *
 *   ports:  [[HOST_IP:][HOST_PORT|RANGE]:](CONTAINER_PORT|RANGE)[/PROTOCOL]
 *   expose: (PORT|RANGE)[/PROTOCOL]
 *
 * Facts kept from Docker: a host IP with colons may be bracketed ("[::1]:80:80")
 * or not ("::1:80:80": everything before the last two parts is the IP); the
 * protocol is case-insensitive and defaults to tcp; a host range with a single
 * container port is a pool Docker picks one free port from, but two ranges must
 * have the same length; host port 0 asks Docker for any free port. Container
 * ports must be 1-65535 (Docker's parser admits 0, which no container can listen on).
 */
import { isIPv6 } from 'node:net';

export const PROTOCOLS = ['tcp', 'udp', 'sctp'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export interface PortRange {
  start: number;
  end: number;
}

export interface PortMapping {
  /** Without brackets; undefined when every interface is bound. */
  hostIp?: string;
  /** Undefined when Docker picks the host port. */
  published?: PortRange;
  target: PortRange;
  protocol: Protocol;
}

export interface ExposedPort {
  target: PortRange;
  protocol: Protocol;
}

/** A parsed value, or why it cannot be parsed (a phrase to follow "is not valid: "). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

export function parsePortMapping(spec: string): Parsed<PortMapping> {
  const { ip, hostPort, containerPart } = splitParts(spec);
  const [containerPort, protocolPart] = cutOnce(containerPart, '/');
  if (containerPort === '') return fail('the container port is missing');
  const protocol = parseProtocol(protocolPart);
  if (!protocol.ok) return protocol;
  const hostIp = parseHostIp(ip);
  if (!hostIp.ok) return hostIp;
  const target = parsePortRange(containerPort, 'container');
  if (!target.ok) return target;
  if (hostPort === '') return { ok: true, value: { hostIp: hostIp.value, target: target.value, protocol: protocol.value } };
  const published = parsePortRange(hostPort, 'host');
  if (!published.ok) return published;
  if (isRange(target.value) && length(target.value) !== length(published.value)) {
    return fail(`the host range ${hostPort} and the container range ${containerPort} differ in length`);
  }
  return { ok: true, value: { hostIp: hostIp.value, published: published.value, target: target.value, protocol: protocol.value } };
}

export function parseExposedPort(spec: string): Parsed<ExposedPort> {
  const [port, protocolPart] = cutOnce(spec, '/');
  if (port === '') return fail('the port is missing');
  const protocol = parseProtocol(protocolPart);
  if (!protocol.ok) return protocol;
  const target = parsePortRange(port, 'container');
  if (!target.ok) return target;
  return { ok: true, value: { target: target.value, protocol: protocol.value } };
}

/**
 * `80` or `8000-8010`. Container ports are 1-65535; host ports may also be 0,
 * which lets Docker choose.
 */
export function parsePortRange(text: string, side: 'container' | 'host'): Parsed<PortRange> {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) return fail(`"${text}" is not a port number or range`);
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  const lowest = side === 'container' ? 1 : 0;
  for (const port of [start, end]) {
    if (port < lowest || port > 65535) return fail(`port ${port} is out of range (${lowest}-65535)`);
  }
  if (end < start) return fail(`the range ${text} is descending`);
  return { ok: true, value: { start, end } };
}

/** tcp, udp or sctp in any case; empty means tcp. */
export function parseProtocol(text: string | undefined): Parsed<Protocol> {
  const protocol = (text || 'tcp').toLowerCase();
  if ((PROTOCOLS as readonly string[]).includes(protocol)) return { ok: true, value: protocol as Protocol };
  return fail(`"${text}" is not a protocol (use tcp, udp or sctp)`);
}

/** An IPv4 or IPv6 address as Go's net.ParseIP reads it: no zone, no leading zeros in IPv4 octets. */
export function isIpAddress(text: string): boolean {
  return isIPv4(text) || (isIPv6(text) && !text.includes('%'));
}

function isIPv4(text: string): boolean {
  const octets = text.split('.');
  return octets.length === 4 && octets.every((o) => /^(0|[1-9]\d{0,2})$/.test(o) && Number(o) <= 255);
}

/** As nat.splitParts: the last part is the container port, the one before the host port, the rest the IP. */
function splitParts(spec: string): { ip: string; hostPort: string; containerPart: string } {
  const parts = spec.split(':');
  const n = parts.length;
  if (n === 1) return { ip: '', hostPort: '', containerPart: parts[0] };
  return { ip: parts.slice(0, n - 2).join(':'), hostPort: parts[n - 2], containerPart: parts[n - 1] };
}

function parseHostIp(ip: string): Parsed<string | undefined> {
  if (ip === '') return { ok: true, value: undefined };
  const bracketed = /^\[(.*)\]$/.exec(ip);
  const address = bracketed ? bracketed[1] : ip;
  if (!isIpAddress(address)) return fail(`"${ip}" is not an IP address`);
  return { ok: true, value: address };
}

function cutOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

const isRange = (range: PortRange): boolean => range.end !== range.start;
const length = (range: PortRange): number => range.end - range.start;
