import {
  addressText,
  defineRule,
  engineBehaviour,
  get,
  isMap,
  parseIpAddress,
  section,
  services,
  type IpFamily,
  type MessageData,
} from '@composure/core/rule-kit';
import { setEntryFix } from '../suggest.js';
import { replicatedSetting } from '../replicas.js';
import { judgeAddress } from './judge-address.js';
import { addressingOf, type NetworkAddressing } from './network-addressing.js';

const FIELDS: readonly { field: 'ipv4_address' | 'ipv6_address'; family: IpFamily; other: string }[] = [
  { field: 'ipv4_address', family: 'IPv4', other: 'ipv6_address' },
  { field: 'ipv6_address', family: 'IPv6', other: 'ipv4_address' },
];

export const validStaticIp = defineRule({
  meta: {
    id: 'valid-static-ip',
    description:
      "A service's `ipv4_address` / `ipv6_address` must be an address of that family inside one of the network's configured subnets, not its gateway or a reserved address, and not used twice.",
    severity: 'error',
    recommended: true,
    category: 'network',
    oncePerPlace: true,
    hasSuggestions: true,
    messages: {
      enableFamily: 'Set {{key}}: true on network "{{network}}"',
      malformed: `The {{field}} "{{address}}" of service "{{service}}" on network "{{network}}" {{problem}}: write a single {{family}} address of the network's subnet.`,
      wrongFamily: 'The {{field}} "{{address}}" of service "{{service}}" on network "{{network}}" is an {{family}} address: move it to {{other}}.',
      ipv6NotEnabled:
        'The ipv6_address "{{address}}" of service "{{service}}" on network "{{network}}" is refused: the network does not set enable_ipv6: true, so Docker gives it no IPv6 (an IPv6 subnet under ipam.config is discarded), and Docker Engine 29.1 and later refuse the container ("no configured subnet contains IP address {{address}}"). Set enable_ipv6: true on network "{{network}}", or drop the address.',
      ipv6NotAssigned:
        'The ipv6_address "{{address}}" of service "{{service}}" on network "{{network}}" is never assigned: the network does not set enable_ipv6: true, so Docker gives it no IPv6, and Docker Engine {{engine}} starts the container without the address (29.1 and later refuse it). Set enable_ipv6: true on network "{{network}}", or drop the address.',
      ipv4Disabled:
        'The ipv4_address "{{address}}" of service "{{service}}" on network "{{network}}" is refused: the network sets enable_ipv4: false, so Docker gives it no IPv4, and Docker Engine 29.1 and later refuse the container ("no configured subnet contains IP address {{address}}"). Drop the address, or enable IPv4 on network "{{network}}".',
      ipv4NotAssigned:
        'The ipv4_address "{{address}}" of service "{{service}}" on network "{{network}}" is never assigned: the network sets enable_ipv4: false, so Docker gives it no IPv4, and Docker Engine {{engine}} starts the container without the address (29.1 and later refuse it). Drop the address, or enable IPv4 on network "{{network}}".',
      subnetChosenByDocker:
        'The {{field}} "{{address}}" of service "{{service}}" on network "{{network}}" must fall inside the {{family}} subnet Docker picks for the network, as no subnet of that family is configured under ipam.config: Docker Engine 29.1 and later refuse the container when it does not ("no configured subnet contains IP address {{address}}"), and the subnet picked may change whenever the network is recreated. Configure a subnet that holds this address.',
      subnetProblem: 'The {{field}} "{{address}}" of service "{{service}}" on network "{{network}}" {{problem}}.',
      taken:
        'The {{field}} "{{address}}" of service "{{service}}" on network "{{network}}" is already used by service "{{holder}}" on this network ("Address already in use"): give each service its own address.',
      replicated:
        'The {{field}} "{{address}}" of service "{{service}}" on network "{{network}}" is one address, but the service runs {{count}} containers ({{key}}): every one after the first fails ("Address already in use"); run one replica or drop the static address.',
    },
  },
  check(context) {
    const declared = get(context.project.root, 'networks');
    const behaviour = engineBehaviour(context.settings.engine);
    const addressing = new Map<string, NetworkAddressing | undefined>();
    const addressingFor = (network: string) => {
      if (!addressing.has(network)) addressing.set(network, addressingOf(get(declared, network), behaviour));
      return addressing.get(network);
    };
    /** `network\0address` → the service that holds it. */
    const holders = new Map<string, string>();

    for (const service of services(context.project)) {
      const attachments = get(service.node, 'networks');
      if (!isMap(attachments)) continue;
      const replicated = replicatedSetting(service.node);
      for (const [network, attachment] of attachments.entries) {
        for (const { field, family, other } of FIELDS) {
          const node = get(attachment.value, field);
          const text = addressText(node);
          if (!node || text === undefined) continue;
          const report = (messageId: Parameters<typeof context.report>[0]['messageId'], data: MessageData, severity?: 'warning') => {
            context.report({ messageId, data: { field, address: text, service: service.name, network, ...data }, at: node, service: service.name, severity });
          };

          const parsed = parseIpAddress(text);
          if (!parsed.ok) {
            report('malformed', { problem: parsed.problem, family });
            continue;
          }
          const address = parsed.value;
          if (address.family !== family) {
            report('wrongFamily', { family: address.family, other });
            continue;
          }

          const networkAddressing = addressingFor(network);
          const judged = judgeAddress(address, network, networkAddressing, behaviour);
          if (judged?.kind === 'family') {
            const [refused, unassigned] = family === 'IPv6' ? (['ipv6NotEnabled', 'ipv6NotAssigned'] as const) : (['ipv4Disabled', 'ipv4NotAssigned'] as const);
            const data = { address: text, service: service.name, network };
            // The family turned on where the network is declared, in the finding's file: a suggestion, as it changes every member's addressing.
            const key = family === 'IPv6' ? 'enable_ipv6' : 'enable_ipv4';
            const declaration = section(context.project, 'networks').find((p) => String(p.key.value) === network);
            const fix = declaration && setEntryFix(context.project, declaration, key, true, node.loc?.file);
            const suggest = fix ? [{ messageId: 'enableFamily' as const, data: { key, network }, fix }] : undefined;
            if (judged.refused) context.report({ messageId: refused, data, at: node, service: service.name, suggest });
            else
              context.report({
                messageId: unassigned,
                data: { ...data, engine: context.settings.engine.text },
                at: node,
                service: service.name,
                severity: 'warning',
                suggest,
              });
            continue;
          }
          if (judged?.kind === 'subnet') {
            report('subnetProblem', { problem: judged.problem });
            continue;
          }

          const key = `${network}\0${address.family}\0${address.text}`;
          const holder = holders.get(key);
          if (holder !== undefined) {
            report('taken', { holder });
            continue;
          }
          holders.set(key, service.name);
          // Refusals first: the rule reports once per place.
          if (replicated) report('replicated', { count: replicated.count, key: replicated.key });
          else if (judged?.kind === 'chosen-subnet') report('subnetChosenByDocker', { family }, 'warning');
        }
      }
    }
  },
});
