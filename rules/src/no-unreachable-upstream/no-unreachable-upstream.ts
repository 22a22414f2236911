import {
  defineRule,
  get,
  hostResolver,
  intentReferences,
  isSeq,
  listeningPorts,
  mountedConfigHosts,
  quotedList,
  str,
  type IntentReference,
  type LocatedConfigProblem,
} from '@composure/core/rule-kit';
import { didYouMeanOr } from '../suggest.js';
import { explain } from '../unreachable-why.js';

/** Hosts of labels Traefik reads are judged by valid-traefik-labels; the environment's and links' by no-unresolved-host and no-unreachable-host. */
const isTraefikLabel = (r: IntentReference) => r.source === 'traefik' && r.via?.toLowerCase().startsWith('traefik.') === true;
const HOST_SOURCES = new Set(['nginx', 'haproxy', 'caddyfile', 'prometheus', 'traefik', 'caddy']);

const DIALECTS: Record<string, string> = {
  nginx: 'NGINX',
  haproxy: 'HAProxy',
  caddyfile: 'a Caddyfile',
  traefik: 'Traefik dynamic configuration',
  prometheus: 'Prometheus configuration',
};

/** Where the reference is written, for the message: a config directive and the path the service sees, a label, a variable. */
function whereOf(r: IntentReference, path: string | undefined): string {
  if (path) return `${r.via} in ${path}`;
  if (r.source === 'env') return r.via ?? 'its environment';
  return r.via ? `label ${r.via}` : r.source;
}

const doesOf = (r: IntentReference) => (r.source === 'prometheus' ? 'scrapes' : r.source === 'env' || r.source === 'link' ? 'names' : 'proxies to');

function profilesOf(project: Parameters<typeof intentReferences>[0], services: readonly string[]): string[] {
  return [
    ...new Set(
      services.flatMap((s) => {
        const profiles = get(project.disabledServices.get(s)?.value, 'profiles');
        return isSeq(profiles) ? profiles.items.flatMap((p) => str(p) ?? []) : [];
      }),
    ),
  ];
}

export const noUnreachableUpstream = defineRule({
  meta: {
    id: 'no-unreachable-upstream',
    description:
      'An upstream that a proxy or scraper config mounted into a service, or a caddy-docker-proxy label, names must be a service on a network the two share, enabled by the active profiles, listening on the port named; NGINX variables need `resolver 127.0.0.11`, HAProxy servers `init-addr none`.',
    severity: 'error',
    recommended: true,
    category: 'network',
    peers: [],
    messages: {
      hostNotFound: 'Service "{{service}}" {{does}} "{{host}}" ({{where}}), which no service, alias, container name or hostname provides: {{suggestion}}',
      hostDisabled:
        'Service "{{service}}" {{does}} "{{host}}" ({{where}}), which only {{providers}} provide, disabled by the active profiles (needed: one of {{profiles}}): activate one with --profile or COMPOSE_PROFILES.',
      hostUnreachable: 'Service "{{service}}" {{does}} "{{host}}" ({{where}}), but {{why}}',
      portNotListening: 'Service "{{service}}" {{does}} "{{host}}" on port {{port}} ({{where}}), but "{{target}}" is known to listen only on {{ports}}.',
      variableWithoutResolver:
        'Service "{{service}}": {{directive}} in {{path}} holds a variable, so NGINX resolves the name at each request, and no "resolver 127.0.0.11" is in scope: requests fail ("no resolver defined to resolve"); add "resolver 127.0.0.11 valid=10s;" to the server or http block.',
      resolvedOnceAtStart:
        'Service "{{service}}": HAProxy server "{{server}}" ({{host}}) in {{path}} must resolve when HAProxy starts, and HAProxy does not start while it does not (its container down or not started yet): add "init-addr last,libc,none" to it or to a default-server line, and "resolvers" with "nameserver docker 127.0.0.11:53" to find it later.',
      configUnreadable: 'Service "{{service}}" mounts {{path}}, which cannot be read as {{dialect}}: {{detail}}.',
    },
  },
  check(context) {
    const { project, topology } = context;
    const resolver = hostResolver(project, topology);
    const { problems } = mountedConfigHosts(project);
    const pathAt = new Map(project.mountedConfigs.map((c) => [c.file.path, c.path]));

    for (const r of intentReferences(project, topology)) {
      if (isTraefikLabel(r) || r.source === 'depends_on') continue;
      const path = pathAt.get(r.file);
      const base = { service: r.from, host: r.host, does: doesOf(r), where: whereOf(r, path) };
      const report = (descriptor: Omit<Parameters<typeof context.report>[0], 'at'>) => context.report({ ...descriptor, at: r.loc, service: r.from });
      if (HOST_SOURCES.has(r.source)) {
        const { resolution } = r;
        if (resolution.kind === 'unknown') {
          const suggestion = didYouMeanOr(r.host, resolver.knownNames(r.from), 'fix the name, or add a service or an alias that answers to it.');
          report({ messageId: 'hostNotFound', data: { ...base, suggestion } });
          continue;
        }
        if (resolution.kind === 'disabled') {
          report({
            messageId: 'hostDisabled',
            data: { ...base, providers: quotedList(resolution.disabled), profiles: profilesOf(project, resolution.disabled).join(', ') },
          });
          continue;
        }
        const referrer = topology.services.get(r.from);
        if (resolution.kind === 'service' && !resolution.reachable && referrer) {
          report({ messageId: 'hostUnreachable', data: { ...base, why: explain(r, referrer, resolution, resolver.networksOf(r.from)) } });
          continue;
        }
      }
      // The port: any source that names one (a URL's, a config's, a label's), unless the name does not lead to a service.
      if (r.port === undefined || r.target === undefined || r.target === r.from || (r.resolution.kind === 'service' && !r.resolution.reachable)) continue;
      const { ports } = listeningPorts(topology.services.get(r.target)?.node);
      if (ports.length > 0 && !ports.includes(r.port)) {
        report({
          messageId: 'portNotListening',
          data: { ...base, port: r.port, target: r.target, ports: ports.join(', ') },
          severity: 'warning',
        });
      }
    }

    for (const problem of problems) reportProblem(problem);

    function reportProblem(problem: LocatedConfigProblem) {
      const base = { service: problem.service, path: problem.path };
      const at = { at: problem.loc, service: problem.service };
      switch (problem.kind) {
        case 'unreadable':
          context.report({
            messageId: 'configUnreadable',
            data: { ...base, dialect: DIALECTS[problem.source] ?? problem.source, detail: problem.detail },
            ...at,
          });
          break;
        case 'variableWithoutResolver':
          context.report({ messageId: 'variableWithoutResolver', data: { ...base, directive: problem.detail }, ...at });
          break;
        case 'resolvedOnceAtStart':
          context.report({ messageId: 'resolvedOnceAtStart', data: { ...base, server: problem.detail, host: problem.host ?? '' }, severity: 'warning', ...at });
          break;
      }
    }
  },
});
