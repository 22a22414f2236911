/**
 * What the engine did and what composure says, in one comparable shape: sorted lines, each one
 * fact a user could check by hand.
 *   reach    `from → to:port`: `from` opens a TCP connection to a port `to` listens on
 *   ingress  `service:target published P from the host|from outside`: a published port answers
 *            a client on the host, or one on the network (P is the host port as written, or
 *            `ephemeral` when the engine picks it)
 *   egress   `service`: it opens connections to a host outside
 */
export interface View {
  reach: string[];
  ingress: string[];
  egress: string[];
}

export type ViewKind = keyof View;

export const reachLine = (from: string, to: string, port: number) => `${from} → ${to}:${port}`;

export type IngressClient = 'from the host' | 'from outside';

export const ingressLine = (service: string, target: number, published: string, client: IngressClient) =>
  `${service}:${target} published ${published} ${client}`;

/** How a published port is shown: as written, or `ephemeral` when the engine picks it. */
export const publishedLabel = (published: string | undefined | null) => (published ? published : 'ephemeral');

export const sortedView = (view: View): View => ({
  reach: [...new Set(view.reach)].sort(),
  ingress: [...new Set(view.ingress)].sort(),
  egress: [...new Set(view.egress)].sort(),
});
