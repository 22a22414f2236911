import { defineRule, get, getPair, isMap, locOf, networkModeOf, section, services, type RuleContext } from '@composure/core/rule-kit';
import { didYouMean, RENAME_MESSAGE, replaceWritten } from '../suggest.js';

export const noUndefinedNetwork = defineRule({
  meta: {
    id: 'no-undefined-network',
    description: 'A service may only join networks declared under the top-level `networks` (`default` is always declared).',
    severity: 'error',
    recommended: true,
    category: 'network',
    oncePerPlace: true,
    hasSuggestions: true,
    fixable: true,
    messages: {
      rename: RENAME_MESSAGE,
      undeclared: 'Service "{{service}}" joins network "{{network}}", which is not declared under the top-level networks: {{suggestion}}',
      networkModeKey:
        'Service "{{service}}" sets network_mode "{{network}}", the key of a network Docker knows by its name "{{name}}": Compose hands the value to Docker as it is, so write network_mode: {{name}}.',
      networkModeNotCreated:
        'Service "{{service}}" joins network "{{network}}" through network_mode, but Compose creates a network only when a service lists it under networks (or it is external), so Docker finds no network "{{name}}": list it under another service\'s networks, or use networks: [{{network}}] here.',
      externalOutsideWorkspace:
        'Network "{{network}}" is external in project "{{project}}", but no project of the workspace creates it: it must be made outside them (docker network create {{name}}) before "docker compose up", which otherwise fails ("network {{name}} declared as external, but could not be found").',
    },
  },
  check(context) {
    const declared = new Set(section(context.project, 'networks').map((p) => String(p.key.value)));
    // Compose creates `default` whenever a service uses it, declared or not.
    declared.add('default');
    for (const service of services(context.project)) {
      // Canonical form: a mapping of network names, each key located where the service listed it.
      const networks = get(service.node, 'networks');
      if (!isMap(networks)) continue;
      for (const [name, entry] of networks.entries) {
        if (declared.has(name)) continue;
        const { suggestion, suggest } = didYouMean(context.project, name, declared, 'declare it there or fix the name.', locOf(entry));
        context.report({ messageId: 'undeclared', data: { service: service.name, network: name, suggestion }, at: entry, suggest, service: service.name });
      }
    }
    checkNetworkModes(context);
  },
  checkWorkspace(context) {
    for (const network of context.workspace.networks.values()) {
      if (network.creators.length > 0) continue;
      for (const joiner of network.joiners) {
        if (!joiner.pair) continue;
        // Made by hand or by a tool outside the workspace: legitimate, but a step the projects do not show.
        const data = { network: joiner.key, project: joiner.project, name: network.name };
        context.report({ messageId: 'externalOutsideWorkspace', data, at: joiner.pair, severity: 'warning' });
      }
    }
  },
});

/**
 * `network_mode: NAME` joins the network Docker knows as NAME (docker/compose create.go passes it on
 * as it is). Compose names a network `{project}_{key}` unless `name:` says otherwise, and drops the
 * networks no service lists under `networks` (compose-go Project.WithoutUnnecessaryResources).
 */
function checkNetworkModes(context: RuleContext<unknown, 'networkModeKey' | 'networkModeNotCreated'>): void {
  const { topology } = context;
  const networks = [...topology.networks.values()];
  for (const service of topology.services.values()) {
    const mode = networkModeOf(service.node);
    if (mode?.kind !== 'network') continue;
    const at = getPair(service.node, 'network_mode') ?? service.pair;
    const byKey = networks.find((n) => n.key === mode.text);
    if (service.mode === 'container' && byKey && !networks.some((n) => n.name === mode.text)) {
      // Docker refuses the key as written, and the name is the network meant: safe to fix unasked.
      const fix = replaceWritten(context.project, get(service.node, 'network_mode'), byKey.name);
      context.report({ messageId: 'networkModeKey', data: { service: service.name, network: byKey.key, name: byKey.name }, at, fix, service: service.name });
      continue;
    }
    const joined = service.mode === 'network' ? topology.networks.get(service.networks[0]) : undefined;
    if (!joined || joined.external) continue;
    const listed = networks.some((n) => n.name === joined.name && n.members.some((m) => topology.services.get(m)!.attachments.has(n.key)));
    if (!listed)
      context.report({
        messageId: 'networkModeNotCreated',
        data: { service: service.name, network: joined.key, name: joined.name },
        at,
        service: service.name,
      });
  }
}
