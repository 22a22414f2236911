import { datastoreServices, defineRule } from '@composure/core';

/** Drivers whose networks can be made internal. */
const INTERNAL_CAPABLE = new Set(['bridge', 'overlay', 'ipvlan', 'macvlan']);

export const requireInternalNetwork = defineRule({
  meta: {
    id: 'require-internal-network',
    description: 'A network that none of its members needs for egress or published ports should be `internal: true`.',
    severity: 'warning',
    recommended: true,
    fixable: false,
    category: 'network',
    peers: [],
  },
  defaultOptions: {},
  check(context) {
    const { topology } = context;
    const datastores = datastoreServices(topology, context.settings.datastores);
    const isDatastore = (name: string) => datastores.has(name);
    // Whether a network holds a datastore, once per network.
    const holdsDatastore = new Map([...topology.networks.values()].map((n) => [n.key, n.members.some(isDatastore)]));
    for (const network of topology.networks.values()) {
      // Only networks the user declared and that this project creates: external ones are managed elsewhere.
      if (!network.pair || network.internal || network.external || network.members.length === 0) continue;
      if (!INTERNAL_CAPABLE.has(network.driver)) continue;
      // Another way out: a non-internal network that holds no datastore (a network holding one is
      // the candidate to close, not the way out, so two networks never excuse each other).
      const wayOut = (name: string) =>
        topology.services.get(name)!.networks.find((key) => {
          const other = topology.networks.get(key)!;
          return key !== network.key && !other.internal && !holdsDatastore.get(key);
        });
      const needy = network.members.filter((name) => {
        if (wayOut(name)) return false;
        const service = topology.services.get(name)!;
        // Without another gateway, its published ports are bound only through this network.
        const owner = service.namespaceOf ? topology.services.get(service.namespaceOf)! : service;
        return owner.ingress.length > 0 || !isDatastore(name);
      });
      if (needy.length > 0) continue;
      const portless = network.members.filter((name) => !wayOut(name));
      const others = network.members.filter((name) => wayOut(name));
      const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');
      const why = [
        others.length > 0 ? `${quoted(others)} ${others.length > 1 ? 'reach' : 'reaches'} the outside through another network` : '',
        portless.length > 0 ? `${quoted(portless)} ${portless.length > 1 ? 'are datastores' : 'is a datastore'} with no published ports` : '',
      ].filter(Boolean);
      context.report({
        message: `Network "${network.key}" is not internal, yet no member needs it to reach the outside (${why.join('; ')}): add \`internal: true\` so nothing on it can open connections out.`,
        at: network.pair,
      });
    }
  },
});
