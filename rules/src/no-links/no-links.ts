import { defineRule, get, isSeq, services, str } from '@composure/core/rule-kit';

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
    messages: {
      link: 'Service "{{service}}" links to "{{link}}": links are a legacy option, and services on a shared network already reach each other by service name; remove the link (add "{{name}}" to depends_on if you relied on the start order).',
      linkWithAlias:
        'Service "{{service}}" links to "{{link}}": links are a legacy option, and services on a shared network already reach each other by service name; remove the link and give "{{name}}" the alias "{{alias}}" on a network the two share (add "{{name}}" to depends_on if you relied on the start order).',
      externalLink: `Service "{{service}}" links to the external container "{{link}}": external links are a legacy option; declare the container's network under networks with external: true, join it, and reach "{{name}}" by its name or an alias.`,
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      const links = get(service.node, 'links');
      if (isSeq(links)) {
        for (const item of links.items) {
          const text = str(item);
          if (text === undefined || text === '') continue;
          const { name, alias } = split(text);
          const data = { service: service.name, link: text, name };
          context.report({
            ...(alias === undefined || alias === name ? { messageId: 'link', data } : { messageId: 'linkWithAlias', data: { ...data, alias } }),
            at: item,
            service: service.name,
          });
        }
      }
      const external = get(service.node, 'external_links');
      if (isSeq(external)) {
        for (const item of external.items) {
          const text = str(item);
          if (text === undefined || text === '') continue;
          const { name } = split(text);
          context.report({
            messageId: 'externalLink',
            data: { service: service.name, link: text, name },
            at: item,
            service: service.name,
          });
        }
      }
    }
  },
});
