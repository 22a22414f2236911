import { datastoreServices, defineRule, get, quotedList, yamlEditorFor, type Fix, type Project, type TopologyNetwork } from '@composure/core/rule-kit';

/** Drivers whose networks can be made internal. */
const INTERNAL_CAPABLE = new Set(['bridge', 'overlay', 'ipvlan', 'macvlan']);

export const requireInternalNetwork = defineRule({
  meta: {
    id: 'require-internal-network',
    description: 'A network that none of its members needs for egress or published ports should be `internal: true`.',
    severity: 'warning',
    recommended: true,
    fixable: true,
    category: 'network',
    messages: {
      needlesslyOpen:
        'Network "{{network}}" is not internal, yet no member needs it to reach the outside ({{reasons}}): add `internal: true` so nothing on it can open connections out.',
    },
  },
  check(context) {
    const { topology } = context;
    const datastores = datastoreServices(topology, context.settings.datastores);
    const isDatastore = (name: string) => datastores.has(name);
    // Whether a network holds a datastore, once per network.
    const holdsDatastore = new Map([...topology.networks.values()].map((n) => [n.key, n.members.some(isDatastore)]));
    const flagged: { network: TopologyNetwork; reasons: string; excusers: Set<string> }[] = [];
    for (const network of topology.networks.values()) {
      // Only networks the user declared and that this project creates: external ones are managed elsewhere.
      if (!network.pair || network.internal || network.external || network.members.length === 0) continue;
      if (!INTERNAL_CAPABLE.has(network.driver)) continue;
      // Another way out: a non-internal network that holds no datastore (a network holding one is
      // the candidate to close, not the way out, so two networks never excuse each other).
      const isWayOut = (key: string) => key !== network.key && !topology.networks.get(key)!.internal && !holdsDatastore.get(key);
      const wayOut = (name: string) => topology.services.get(name)!.networks.find(isWayOut);
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
      const why = [
        others.length > 0 ? `${quotedList(others)} ${others.length > 1 ? 'reach' : 'reaches'} the outside through another network` : '',
        portless.length > 0 ? `${quotedList(portless)} ${portless.length > 1 ? 'are datastores' : 'is a datastore'} with no published ports` : '',
      ].filter(Boolean);
      flagged.push({
        network,
        reasons: why.join('; '),
        excusers: new Set(others.flatMap((name) => topology.services.get(name)!.networks.filter(isWayOut))),
      });
    }
    const before = new Set<string>();
    for (const { network, reasons, excusers } of flagged) {
      // Networks reported together may be each other's way out: closing both would cut their
      // members off. Only the first of them gets a fix; --fix judges the others again with it closed.
      const waits = [...excusers].some((key) => before.has(key));
      before.add(network.key);
      context.report({
        messageId: 'needlesslyOpen',
        data: { network: network.key, reasons },
        at: network.pair!,
        fix: waits ? undefined : internalFix(context.project, network),
      });
    }
  },
});

/**
 * `internal: true` in the network's declaration, in the file the finding points at:
 * added to its mapping (`data: {}` → `data: { internal: true }`, `data:` → a block
 * mapping), or replacing a written `internal: false`. None when that would not close
 * the network or would change more than it: `internal` set in another file (an
 * override), from a variable, or a declaration an alias or anchor shares.
 */
function internalFix(project: Project, network: TopologyNetwork): Fix | undefined {
  const loc = network.pair?.key.loc;
  if (!loc) return undefined;
  const written = get(network.node, 'internal');
  if (written?.loc) {
    if (written.loc.file !== loc.file) return undefined;
    const text = project.files.get(loc.file)?.text.slice(written.loc.start, written.loc.end) ?? '$';
    if (text.includes('$')) return undefined;
  }
  const editor = yamlEditorFor(project, loc.file);
  const at = editor?.pairAt(loc);
  if (!editor || !at || editor.isShared(at.pair) || editor.isShared(at.pair.value)) return undefined;
  const edits = editor.setEntry(at.pair, 'internal', true);
  return edits && edits.length > 0 ? { edits } : undefined;
}
