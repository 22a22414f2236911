import type { HostProvider, HostResolution, TopologyService } from '@composure/core/rule-kit';

/**
 * Why a service cannot reach a host it names, and what to do: one wording for the hosts of
 * environment values and links (no-unreachable-host) and of labels and mounted configs
 * (no-unreachable-upstream).
 */

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
/** `network "a"` / `networks "a", "b"`. */
const networks = (keys: readonly string[]) => `${keys.length === 1 ? 'network' : 'networks'} ${quoted(keys)}`;

/** `"a"` / `"a" or "b"` / `"a", "b" or "c"`. */
function either(keys: readonly string[]): string {
  const q = keys.map((k) => `"${k}"`);
  return q.length === 1 ? q[0] : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

/** Why a service without an endpoint of its own answers to no name, and what to do instead. */
function withoutEndpoint(provider: HostProvider, referrer: TopologyService): string {
  const name = `"${provider.service}"`;
  if (provider.namespaceOf !== undefined) {
    const sameNamespace = referrer.name === provider.namespaceOf || referrer.namespaceOf === provider.namespaceOf;
    const instead = sameNamespace ? `"${referrer.name}" reaches it on localhost` : `name "${provider.namespaceOf}" instead`;
    return `${name} shares the network namespace of "${provider.namespaceOf}" (network_mode: service:${provider.namespaceOf}) and answers to no name of its own: ${instead}.`;
  }
  switch (provider.mode) {
    case 'host':
      return `${name} uses the host's network stack (network_mode: host) and answers to no name on a network: reach it as host.docker.internal (extra_hosts: "host.docker.internal:host-gateway"), or put it on a network with "${referrer.name}".`;
    case 'none':
      return `${name} has no network (network_mode: none): put it on a network with "${referrer.name}".`;
    case 'bridge':
      return `${name} is on Docker's default bridge (network_mode: bridge), where it answers to no name: put "${referrer.name}" and ${name} on one network.`;
    default:
      return `${name} is on no network: put it on a network with "${referrer.name}".`;
  }
}

/** The rest of the sentence after "Service A names host H …, but": what keeps A from reaching H, and what to do. */
export function explain(
  reference: { host: string; source: string },
  referrer: TopologyService,
  resolution: HostResolution,
  referrerNetworks: string[],
): string {
  const a = `"${referrer.name}"`;
  const target = resolution.providers.map((p) => p.service);
  const b = quoted([...new Set(target)]);
  if (referrer.mode === 'host')
    return `${a} uses the host's network stack (network_mode: host), where service names do not resolve: reach ${b} through a port it publishes, on localhost, or put ${a} on a network with it.`;
  if (referrer.mode === 'none') return `${a} has no network (network_mode: none): put it on a network with ${b}.`;
  if (referrer.mode === 'bridge') {
    return reference.source === 'link'
      ? `${a} is on Docker's default bridge (network_mode: bridge) and ${b} is not: put both on one network.`
      : `${a} is on Docker's default bridge (network_mode: bridge), where names resolve only through links: put ${a} and ${b} on one network.`;
  }

  const withEndpoint = resolution.providers.filter((p) => p.networks.length > 0);
  if (withEndpoint.length === 0) return withoutEndpoint(resolution.providers[0], referrer);
  if (resolution.shared.length > 0) {
    return `${a} and ${b} share only ${networks(resolution.shared)}, where containers cannot talk to each other (com.docker.network.bridge.enable_icc: "false"): put them on another network together.`;
  }
  const services = [...new Set(withEndpoint.map((p) => p.service))];
  const on = [...new Set(withEndpoint.flatMap((p) => p.networks))];
  const one = services.length === 1;
  const aliasOnly = withEndpoint.every((p) => p.by === 'alias');
  const where = aliasOnly
    ? `${quoted(services)} ${one ? 'answers' : 'answer'} to "${reference.host}" only on ${networks(on)}`
    : `${quoted(services)} ${one ? 'is' : 'are'} only on ${networks(on)}`;
  const mine = referrerNetworks.length === 0 ? `${a} is on no network` : `${a} is on ${networks(referrerNetworks)}`;
  // A namespace sharer is attached through the service whose namespace it shares.
  const attach = referrer.namespaceOf === undefined ? a : `"${referrer.namespaceOf}" (whose network namespace ${a} shares)`;
  // An alias is set per network: only attaching the referrer to that network helps.
  const other = !aliasOnly && one && referrerNetworks.length > 0 ? `, or ${quoted(services)} to ${either(referrerNetworks)}` : '';
  return `${where}, and ${mine}: attach ${attach} to ${either(on)}${other}.`;
}
