/**
 * What the engine did and what composure says, in one comparable shape: sorted lines, each one
 * fact a user could check by hand.
 *   reach    `from → to:port`: `from` opens a TCP connection to a port `to` listens on
 *   ingress  `service:target published P from the host|from outside[ over IPv6]`: a published
 *            port answers a client on the host, or one on the network (P is the host port as
 *            written, or `ephemeral` when the engine picks it); `service:port from the LAN`:
 *            a member of a macvlan network answers a host on its LAN
 *   egress   `service`: it opens connections to a host outside
 *   names    `from: name → to`: in `from`, `name` resolves to an address of `to`
 */
export interface View {
  reach: string[];
  ingress: string[];
  egress: string[];
  names: string[];
}

export type ViewKind = keyof View;

export const reachLine = (from: string, to: string, port: number) => `${from} → ${to}:${port}`;

/** Who connects to a published port: a client on the host or on the network, over IPv4 or IPv6. */
export type IngressClient = 'from the host' | 'from outside' | 'from the host over IPv6' | 'from outside over IPv6';

/** The clients a port bound in one family answers: on every interface, both; on the loopback, the host's only. */
export function clientsOf(family: 'IPv4' | 'IPv6', loopback: boolean): IngressClient[] {
  const clients: IngressClient[] = family === 'IPv4' ? ['from the host', 'from outside'] : ['from the host over IPv6', 'from outside over IPv6'];
  return loopback ? clients.slice(0, 1) : clients;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1)$/;

/**
 * The clients of a port bound on one host address (`0.0.0.0`, `::`, `127.0.0.1`, …). A loopback
 * binding answers the host only: the outside connects to the host's address on its link, which a
 * loopback binding does not match (the pre-28 leak needs packets addressed to 127.0.0.1 from a
 * neighbour, which no probe sends).
 */
export const clientsOfBinding = (address: string): IngressClient[] => clientsOf(address.includes(':') ? 'IPv6' : 'IPv4', LOOPBACK.test(address));

export const ingressLine = (service: string, target: number, published: string, client: IngressClient) =>
  `${service}:${target} published ${published} ${client}`;

/** How a published port is shown: as written, or `ephemeral` when the engine picks it. */
export const publishedLabel = (published: string | undefined | null) => (published ? published : 'ephemeral');

/** A port of a member of a macvlan/ipvlan network that answers a host on that LAN (published or not). */
export const lanLine = (service: string, port: number) => `${service}:${port} from the LAN`;

/** `name` as a name line shows it: the project's name, which carries the run's, as `<project>` (Compose's container names start with it). */
export const nameLine = (project: string, from: string, name: string, to: string) =>
  `${from}: ${name.startsWith(`${project}-`) ? `<project>${name.slice(project.length)}` : name} → ${to}`;

const sorted = (lines: string[]) => [...new Set(lines)].sort();

export const sortedView = (view: View): View => ({
  reach: sorted(view.reach),
  ingress: sorted(view.ingress),
  egress: sorted(view.egress),
  names: sorted(view.names),
});
