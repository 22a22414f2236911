import { defineRule, get, isSeq, networkModeOf, services, str } from '@composure/core/rule-kit';
import { removeItemFix } from '../suggest.js';

/** `name` or `name:alias`. */
function split(text: string): { name: string; alias?: string } {
  const colon = text.indexOf(':');
  if (colon === -1) return { name: text };
  const alias = text.slice(colon + 1);
  return { name: text.slice(0, colon), ...(alias !== '' ? { alias } : {}) };
}

export const noLinks = defineRule({
  meta: {
    id: 'no-links',
    description: '`links` and `external_links` are legacy: services on a shared network already reach each other by name.',
    severity: 'info',
    category: 'network',
    oncePerPlace: true,
    hasSuggestions: true,
    messages: {
      removeLink: 'Remove the link "{{link}}"',
      link: 'Service "{{service}}" links to "{{link}}": links are a legacy option, and services on a shared network already reach each other by service name; remove the link (add "{{name}}" to depends_on if you relied on the start order).',
      linkWithAlias:
        'Service "{{service}}" links to "{{link}}": links are a legacy option, and services on a shared network already reach each other by service name; remove the link and give "{{name}}" the alias "{{alias}}" on a network the two share (add "{{name}}" to depends_on if you relied on the start order).',
      linkOnDefaultBridge:
        'Service "{{service}}" links to "{{link}}" on Docker\'s default bridge (network_mode: {{mode}}), where containers get no DNS: the link is the only way it finds "{{name}}" by name; keep it while the service stays there, or move the two to a network of the project, where names resolve without links.',
      externalLink: `Service "{{service}}" links to the external container "{{link}}": external links are a legacy option; declare the container's network under networks with external: true, join it, and reach "{{name}}" by its name or an alias.`,
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      const mode = networkModeOf(service.node);
      // The default bridge has no embedded DNS: there, links (entries in /etc/hosts) are the names.
      const defaultBridge = mode?.kind === 'bridge' ? mode.text : undefined;
      const links = get(service.node, 'links');
      if (isSeq(links)) {
        for (const item of links.items) {
          const text = str(item);
          if (text === undefined || text === '') continue;
          const { name, alias } = split(text);
          const data = { service: service.name, link: text, name };
          if (defaultBridge !== undefined) {
            context.report({ messageId: 'linkOnDefaultBridge', data: { ...data, mode: defaultBridge }, at: item, service: service.name });
            continue;
          }
          const fix = removeItemFix(context.project, item);
          context.report({
            ...(alias === undefined || alias === name ? { messageId: 'link', data } : { messageId: 'linkWithAlias', data: { ...data, alias } }),
            at: item,
            service: service.name,
            // A suggestion: the start order or the alias the link gave may still be needed (the message says how to keep them).
            suggest: fix ? [{ messageId: 'removeLink', data: { link: text }, fix }] : undefined,
          });
        }
      }
      const external = get(service.node, 'external_links');
      if (isSeq(external)) {
        for (const item of external.items) {
          const text = str(item);
          if (text === undefined || text === '') continue;
          const { name } = split(text);
          const data = { service: service.name, link: text, name };
          if (defaultBridge !== undefined) {
            context.report({ messageId: 'linkOnDefaultBridge', data: { ...data, mode: defaultBridge }, at: item, service: service.name });
            continue;
          }
          context.report({
            messageId: 'externalLink',
            data,
            at: item,
            service: service.name,
          });
        }
      }
    }
  },
});
