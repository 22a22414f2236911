import {
  closestMatch,
  defineRule,
  listeningPorts,
  quotedList,
  seenBy,
  str,
  traefikLabelled,
  traefikProxies,
  type Topology,
  type TraefikLabels,
  type TraefikProxy,
} from '@composure/core/rule-kit';

/** The Docker names of a service's networks, by key (a namespace sharer's are its owner's). */
function dockerNetworks(topology: Topology, service: string): Map<string, string> {
  const entry = topology.services.get(service);
  const keys = entry?.mode === 'networks' || entry?.mode === 'service' ? entry.networks : [];
  return new Map(keys.map((key) => [key, topology.networks.get(key)?.name ?? key]));
}

export const validTraefikLabels = defineRule({
  meta: {
    id: 'valid-traefik-labels',
    description:
      "Traefik's Docker labels must lead it to the service: one network named with `traefik.docker.network` (its Docker name) when there are several, a network shared with Traefik, a port the service listens on, and `traefik.enable=true` when Traefik does not expose by default.",
    severity: 'warning',
    recommended: true,
    category: 'network',
    messages: {
      notSeen:
        'Service "{{service}}" has Traefik labels, but Traefik service "{{proxy}}" does not route to it: exposedByDefault is false, and the service has no "traefik.enable=true" label.',
      severalNetworks:
        'Service "{{service}}" is on networks {{networks}} and has no "traefik.docker.network" label: Traefik picks any of them, and requests fail (502, 504) when it picks one "{{proxy}}" is not on; add "traefik.docker.network={{suggestion}}".',
      severalNetworksOutside:
        'Service "{{service}}" is on networks {{networks}} and has no "traefik.docker.network" label: Traefik (outside this project) picks any of them, and requests fail (502, 504) when it picks one it is not on; add "traefik.docker.network={{suggestion}}".',
      networkKey: '{{setting}} "{{value}}" is the network\'s key in the compose file; Traefik needs its Docker name "{{name}}" (with the project\'s prefix).',
      networkNotOnService: 'traefik.docker.network "{{value}}" names no network "{{service}}" is on ({{networks}}){{suggestion}}',
      noSharedNetwork:
        'Service "{{service}}" shares no network with Traefik service "{{proxy}}" ({{proxyNetworks}}): Traefik cannot reach it; attach one of them to a network of the other.',
      networkNotShared:
        'Traefik reaches "{{service}}" on network "{{network}}", which Traefik service "{{proxy}}" is not on: attach "{{proxy}}" to it, or name a network the two share.',
      portNotListening: '{{label}} is {{port}}, but "{{service}}" is known to listen only on {{ports}}.',
      invalidPort: '{{label}} is "{{value}}", which is not a port number (1-65535).',
    },
  },
  check(context) {
    const { project, topology } = context;
    const proxies = traefikProxies(project);
    // Traefik's own default network is a Docker name too.
    const dockerNames = new Set([...topology.networks.values()].map((n) => n.name));
    for (const proxy of proxies) {
      const value = proxy.network?.value;
      const name = value === undefined ? undefined : topology.networks.get(value)?.name;
      if (value !== undefined && name !== undefined && name !== value && !dockerNames.has(value)) {
        context.report({ messageId: 'networkKey', data: { setting: 'providers.docker.network', value, name }, at: proxy.network!.loc, service: proxy.service });
      }
    }
    for (const labelled of traefikLabelled(project)) {
      const mine = dockerNetworks(topology, labelled.service);
      checkPorts(labelled);
      const seeing = proxies.filter((p) => seenBy(p, labelled));
      // `traefik.enable=false` is a decision, not a mistake.
      if (str(labelled.enable?.value)?.toLowerCase() === 'false') continue;
      if (proxies.length > 0 && seeing.length === 0) {
        const at = labelled.enable ?? labelled.labels[0];
        context.report({ messageId: 'notSeen', data: { service: labelled.service, proxy: proxies[0].service }, at, service: labelled.service });
        continue;
      }
      if (!labelled.routed && !labelled.enable) continue;
      const chosen = checkNetworkLabel(labelled, mine);
      for (const proxy of seeing) checkProxy(proxy, labelled, mine, chosen);
      if (proxies.length === 0 && !labelled.network && mine.size > 1) {
        // Traefik runs elsewhere and reaches the project over a shared, usually external, network.
        const external = [...mine].filter(([key]) => topology.networks.get(key)?.external).map(([, name]) => name);
        const networks = [...mine.values()];
        context.report({
          messageId: 'severalNetworksOutside',
          data: { service: labelled.service, networks: quotedList(networks), suggestion: external[0] ?? networks[0] },
          at: labelled.enable ?? labelled.labels[0],
          service: labelled.service,
        });
      }
    }

    function checkPorts(labelled: TraefikLabels) {
      const { ports } = listeningPorts(topology.services.get(labelled.service)?.node);
      for (const pair of labelled.ports) {
        const value = str(pair.value) ?? '';
        const port = Number(value);
        const label = String(pair.key.value);
        if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
          context.report({ messageId: 'invalidPort', data: { label, value }, at: pair, service: labelled.service });
        } else if (ports.length > 0 && !ports.includes(port)) {
          context.report({
            messageId: 'portNotListening',
            data: { label, port, service: labelled.service, ports: ports.join(', ') },
            at: pair,
            service: labelled.service,
          });
        }
      }
    }

    /** Judges `traefik.docker.network`; returns the Docker name of the network Traefik will use, when the label names one of the service's. */
    function checkNetworkLabel(labelled: TraefikLabels, mine: Map<string, string>): string | undefined {
      if (!labelled.network) return undefined;
      const value = str(labelled.network.value) ?? '';
      const names = [...mine.values()];
      if (names.includes(value)) return value;
      const at = { at: labelled.network, service: labelled.service };
      const byKey = mine.get(value) ?? topology.networks.get(value)?.name;
      if (byKey !== undefined && byKey !== value) {
        context.report({ messageId: 'networkKey', data: { setting: 'traefik.docker.network', value, name: byKey }, ...at });
        return undefined;
      }
      const match = closestMatch(value, names);
      const suggestion = match ? `; did you mean "${match}"?` : names.length > 0 ? `: name one of ${quotedList(names)}.` : '.';
      context.report({
        messageId: 'networkNotOnService',
        data: { value, service: labelled.service, networks: quotedList(names) || 'none', suggestion },
        ...at,
      });
      return undefined;
    }

    function checkProxy(proxy: TraefikProxy, labelled: TraefikLabels, mine: Map<string, string>, chosen: string | undefined) {
      const theirs = [...dockerNetworks(topology, proxy.service).values()];
      const shared = [...mine.values()].filter((name) => theirs.includes(name));
      const at = { at: labelled.network ?? labelled.enable ?? labelled.labels[0], service: labelled.service };
      if (mine.size === 0 || theirs.length === 0) return;
      if (shared.length === 0) {
        context.report({ messageId: 'noSharedNetwork', data: { service: labelled.service, proxy: proxy.service, proxyNetworks: quotedList(theirs) }, ...at });
        return;
      }
      // The network Traefik uses: the label's, else its own providers.docker.network when the service is on it.
      const fallback = proxy.network && [...mine.values()].includes(proxy.network.value) ? proxy.network.value : undefined;
      const network = chosen ?? fallback;
      if (network !== undefined) {
        if (!theirs.includes(network))
          context.report({ messageId: 'networkNotShared', data: { service: labelled.service, network, proxy: proxy.service }, ...at });
        return;
      }
      if (!labelled.network && mine.size > 1) {
        context.report({
          messageId: 'severalNetworks',
          data: { service: labelled.service, networks: quotedList([...mine.values()]), proxy: proxy.service, suggestion: shared[0] },
          ...at,
        });
      }
    }
  },
});
