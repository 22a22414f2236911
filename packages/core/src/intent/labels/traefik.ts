import { services, type Project } from '../../model/project.js';
import { get, isMap, str, type Loc, type Pair } from '../../source/node.js';
import { parseImage } from '../../topology/images.js';
import { commandFlags } from '../command-flags.js';
import { traefikStaticSettings, type Setting } from '../configs/traefik-static.js';
import { singlePort } from '../listening.js';
import { valueLoc } from '../locate.js';
import type { FoundHost } from '../resolve.js';

/**
 * Traefik's Docker provider (https://doc.traefik.io/traefik/providers/docker/): a Traefik
 * service (image `traefik*`) routes to the services whose labels ask it to. Its own settings
 * come from its command flags (`--providers.docker.exposedbydefault=false`,
 * `--providers.docker.network=NET`), its `TRAEFIK_PROVIDERS_DOCKER_*` environment, or its
 * mounted static configuration (traefik.yml / traefik.toml), first found first.
 */
export interface TraefikProxy {
  service: string;
  /** Whether a container without `traefik.enable=true` is routed (default true). */
  exposedByDefault: boolean;
  exposedByDefaultAt?: Loc;
  /** The network it reaches containers on when they do not say (`providers.docker.network`). */
  network?: Setting<string>;
}

/** A service's Traefik labels. */
export interface TraefikLabels {
  service: string;
  /** Every `traefik.*` label, in the order written. */
  labels: Pair[];
  /** `traefik.enable`, when written. */
  enable?: Pair;
  /** `traefik.docker.network`, when written. */
  network?: Pair;
  /** `traefik.{http,tcp,udp}.services.NAME.loadbalancer.server.port` labels. */
  ports: Pair[];
  /** Whether any label defines a router (`traefik.{http,tcp,udp}.routers.…`). */
  routed: boolean;
}

const isTraefikImage = (image: string | undefined) => image !== undefined && /(^|\/)traefik[^/]*$/.test(parseImage(image).repository);
const PORT_LABEL = /^traefik\.(http|tcp|udp)\.services\.[^.]+\.loadbalancer\.server\.port$/i;
const ROUTER_LABEL = /^traefik\.(http|tcp|udp)\.routers\./i;

const locOf = (setting: { node: { loc?: Loc } } | undefined) => setting?.node.loc;

/** The Traefik services of a project and their Docker provider's settings. */
export function traefikProxies(project: Project): TraefikProxy[] {
  return services(project)
    .filter((s) => isTraefikImage(str(get(s.node, 'image'))))
    .map((s) => {
      const flags = commandFlags(s.node);
      const environment = get(s.node, 'environment');
      const variable = (name: string) => (isMap(environment) ? environment.entries.get(name)?.value : undefined);
      const statics = project.mountedConfigs.filter((c) => c.service === s.name && c.dialect === 'traefik-static').map(traefikStaticSettings);
      const flag = flags.get('providers.docker.exposedbydefault');
      const envExposed = variable('TRAEFIK_PROVIDERS_DOCKER_EXPOSEDBYDEFAULT');
      const staticExposed = statics.find((x) => x.exposedByDefault)?.exposedByDefault;
      const exposedText = flag?.value ?? str(envExposed) ?? (staticExposed ? String(staticExposed.value) : undefined);
      const exposedAt = flag ? locOf(flag) : envExposed ? envExposed.loc : staticExposed?.loc;
      const networkFlag = flags.get('providers.docker.network');
      const envNetwork = variable('TRAEFIK_PROVIDERS_DOCKER_NETWORK');
      const network: Setting<string> | undefined =
        networkFlag && networkFlag.node.loc
          ? { value: networkFlag.value, loc: networkFlag.node.loc }
          : envNetwork?.loc && str(envNetwork)
            ? { value: str(envNetwork)!, loc: envNetwork.loc }
            : statics.find((x) => x.network)?.network;
      return {
        service: s.name,
        exposedByDefault: exposedText?.toLowerCase() !== 'false',
        ...(exposedAt && { exposedByDefaultAt: exposedAt }),
        ...(network && { network }),
      };
    });
}

/** The services with Traefik labels (Traefik's own left out), in the order of the model. */
export function traefikLabelled(project: Project): TraefikLabels[] {
  const proxies = new Set(traefikProxies(project).map((p) => p.service));
  return services(project).flatMap((s) => {
    const labels = get(s.node, 'labels');
    if (proxies.has(s.name) || !isMap(labels)) return [];
    const traefik = [...labels.entries.values()].filter((p) => String(p.key.value).toLowerCase().startsWith('traefik.'));
    if (traefik.length === 0) return [];
    const key = (p: Pair) => String(p.key.value).toLowerCase();
    const enable = traefik.find((p) => key(p) === 'traefik.enable');
    const network = traefik.find((p) => key(p) === 'traefik.docker.network');
    return [
      {
        service: s.name,
        labels: traefik,
        ...(enable && { enable }),
        ...(network && { network }),
        ports: traefik.filter((p) => PORT_LABEL.test(key(p))),
        routed: traefik.some((p) => ROUTER_LABEL.test(key(p))),
      },
    ];
  });
}

/** Whether a proxy routes to a labelled service: `traefik.enable=true`, or exposed by default and not `false`. */
export function seenBy(proxy: TraefikProxy, labelled: TraefikLabels): boolean {
  const enable = str(labelled.enable?.value)?.toLowerCase();
  return enable === 'true' || (proxy.exposedByDefault && enable !== 'false');
}

/**
 * Each Traefik service means to reach each labelled service it routes to: on each
 * `loadbalancer.server.port` (located at its value), else on the service's single known port
 * (located at `traefik.enable`, else its first Traefik label).
 */
export function traefikHosts(project: Project): FoundHost[] {
  const found: FoundHost[] = [];
  const labelled = traefikLabelled(project);
  for (const proxy of traefikProxies(project)) {
    for (const target of labelled) {
      if (!seenBy(proxy, target)) continue;
      const base = { from: proxy.service, host: target.service, source: 'traefik' as const, byName: true };
      for (const pair of target.ports) {
        const port = Number(str(pair.value));
        const loc = valueLoc(project, pair);
        if (loc) found.push({ ...base, ...(Number.isInteger(port) && port > 0 && { port }), loc, via: String(pair.key.value) });
      }
      if (target.ports.length > 0) continue;
      const at = target.enable ?? target.labels[0];
      const loc = at.key.loc ?? at.value.loc;
      const port = singlePort(get(get(project.root, 'services'), target.service));
      if (loc) found.push({ ...base, ...(port !== undefined && { port }), loc, via: String(at.key.value) });
    }
  }
  return found;
}
