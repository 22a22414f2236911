import { defineRule, hostReferences, hostResolver, locOf, placeKey, type HostResolution } from '@composure/core/rule-kit';
import { explain } from '../unreachable-why.js';

export const noUnreachableHost = defineRule({
  meta: {
    id: 'no-unreachable-host',
    description: 'A host a service names (environment URL, host variable, `links`) must be provided by a service that shares a network with it.',
    severity: 'error',
    recommended: true,
    category: 'network',
    messages: {
      linkUnreachable: 'Service "{{service}}" links to "{{host}}", but {{why}}',
      hostUnreachable: 'Service "{{service}}" names host "{{host}}" in {{variable}}, but {{why}}',
    },
  },
  check(context) {
    const { project, topology } = context;
    const resolver = hostResolver(project, topology);
    const reported = new Set<string>();
    for (const reference of hostReferences(project)) {
      if (reference.source === 'external_link') continue;
      const referrer = topology.services.get(reference.service);
      if (!referrer) continue;
      let resolution: HostResolution;
      if (reference.source === 'link') {
        // Links from a service without networks of its own are no-network-mode-conflict's error.
        if (referrer.mode !== 'networks' && referrer.mode !== 'bridge') continue;
        resolution = resolver.resolveLink(reference.service, reference.host);
      } else {
        resolution = resolver.resolve(reference.service, reference.host);
      }
      if (resolution.kind !== 'service' || resolution.reachable) continue;
      // A value copied by `extends` or an anchor is reported once, for the first service it fails in.
      const loc = locOf(reference.node);
      const place = loc ? `${placeKey(loc)}\0${reference.host.toLowerCase()}` : undefined;
      if (place !== undefined) {
        if (reported.has(place)) continue;
        reported.add(place);
      }
      const data = { service: reference.service, host: reference.host, why: explain(reference, referrer, resolution, resolver.networksOf(reference.service)) };
      context.report({
        // A URL or variable reference always names its variable.
        ...(reference.source === 'link'
          ? { messageId: 'linkUnreachable', data }
          : { messageId: 'hostUnreachable', data: { ...data, variable: reference.variable! } }),
        at: reference.node,
        service: reference.service,
      });
    }
  },
});
