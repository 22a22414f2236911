import {
  closestMatch,
  defineRule,
  get,
  hostReferences,
  hostResolver,
  isSeq,
  locOf,
  placeKey,
  quotedList,
  str,
  type Node,
  type Pair,
} from '@composure/core/rule-kit';
import { didYouMeanHost, RENAME_MESSAGE } from '../suggest.js';

function profilesOf(service: Pair | undefined): string[] {
  const profiles = get(service?.value, 'profiles');
  return isSeq(profiles) ? profiles.items.flatMap((p) => str(p) ?? []) : [];
}

/**
 * Whether a service's resolver tries search domains (`dns_search`, a string or a list): a
 * single-label name then also resolves as `name.<domain>` outside the project. `.` is Docker's
 * way of saying "no search domain".
 */
function searchesDomains(service: Node | undefined): boolean {
  const setting = get(service, 'dns_search');
  const domains = isSeq(setting) ? setting.items.map(str) : [str(setting)];
  return domains.some((domain) => domain !== undefined && domain.replace(/\.$/, '') !== '');
}

export const noUnresolvedHost = defineRule({
  meta: {
    id: 'no-unresolved-host',
    description:
      'A single-label host named in an environment URL or a `*_HOST`/`*_ADDR`/`*_SERVER` variable must be provided by a service, alias, container name, hostname, `extra_hosts` or `external_links` entry.',
    severity: 'warning',
    recommended: true,
    category: 'network',
    hasSuggestions: true,
    messages: {
      rename: RENAME_MESSAGE,
      providedOnlyByDisabled:
        'Service "{{service}}" names host "{{host}}" in {{variable}}, which only {{providers}} disabled by the active profiles ({{need}} one of: {{profiles}}): activate one with --profile or COMPOSE_PROFILES.',
      unresolved:
        'Service "{{service}}" names host "{{host}}" in {{variable}}, which no service, alias, container name, hostname, extra_hosts or external_links entry provides: {{suggestion}}',
    },
  },
  check(context) {
    const { project } = context;
    const resolver = hostResolver(project, context.topology);
    const reported = new Set<string>();
    const onExternalNetwork = (service: string) => resolver.networksOf(service).some((key) => context.topology.networks.get(key)?.external === true);
    // A service sharing another's namespace uses that one's /etc/resolv.conf.
    const withSearchDomains = (service: string) => {
      const entry = context.topology.services.get(service);
      const owner = entry?.namespaceOf === undefined ? entry : context.topology.services.get(entry.namespaceOf);
      return searchesDomains(owner?.node);
    };
    for (const reference of hostReferences(project)) {
      // A `links` target that is not an enabled service is no-undefined-service's error; an
      // external link names a container outside the project.
      if (reference.source === 'link' || reference.source === 'external_link') continue;
      const resolution = resolver.resolve(reference.service, reference.host);
      if (resolution.kind !== 'unknown' && resolution.kind !== 'disabled') continue;
      const known = resolver.knownNames(reference.service);
      // A name no service provides may be a container of another project on an external network,
      // or a host of a search domain (`ldap` as `ldap.corp.example`): there, only a likely typo
      // of a known name is reported.
      const elsewhere = onExternalNetwork(reference.service) || withSearchDomains(reference.service);
      if (resolution.kind === 'unknown' && elsewhere && closestMatch(reference.host, known) === undefined) continue;
      // A value copied by `extends` or an anchor is one mistake: reported once, where it is written.
      const loc = locOf(reference.node);
      const place = loc ? `${placeKey(loc)}\0${reference.host.toLowerCase()}` : undefined;
      if (place !== undefined) {
        if (reported.has(place)) continue;
        reported.add(place);
      }
      // URL and variable references (links were left out above) always name their variable.
      const named = { service: reference.service, host: reference.host, variable: reference.variable! };
      if (resolution.kind === 'disabled') {
        const profiles = [...new Set(resolution.disabled.flatMap((s) => profilesOf(project.disabledServices.get(s))))];
        const one = resolution.disabled.length === 1;
        const providers = one
          ? `service ${quotedList(resolution.disabled)} provides, and it is`
          : `services ${quotedList(resolution.disabled)} provide, and they are`;
        const data = { ...named, providers, need: one ? 'it needs' : 'they need', profiles: profiles.join(', ') };
        context.report({ messageId: 'providedOnlyByDisabled', data, at: reference.node, service: reference.service });
      } else {
        const { suggestion, suggest } = didYouMeanHost(project, reference, known, 'fix the name, or add a service or an alias that answers to it.');
        context.report({ messageId: 'unresolved', data: { ...named, suggestion }, at: reference.node, suggest, service: reference.service });
      }
    }
  },
});
