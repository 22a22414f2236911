import { services, type Project } from '../../model/project.js';
import { get, isMap, str } from '../../source/node.js';
import { isJudgedHost } from '../../topology/host-references.js';
import { parseImage } from '../../topology/images.js';
import { endpointAt } from '../configs/types.js';
import { singlePort } from '../listening.js';
import { hostLoc } from '../locate.js';
import type { FoundHost } from '../resolve.js';

/**
 * caddy-docker-proxy (https://github.com/lucaslorentz/caddy-docker-proxy#labels-to-caddyfile-conversion):
 * a `caddy.reverse_proxy` label (or `caddy_N.…reverse_proxy`) makes the proxy service (image
 * `*caddy-docker-proxy*`) route to the labelled service: `{{upstreams [scheme] [port]}}` is the
 * labelled service's addresses on that port (its single known port, else 80), and a literal
 * `host:port` is a host the proxy resolves by name.
 */
const REVERSE_PROXY = /^caddy(_\d+)?(\.[^.]+)*\.reverse_proxy$/i;
const UPSTREAMS = /\{\{\s*upstreams(?:\s+(https?|h2c))?(?:\s+(\d+))?\s*\}\}/g;

const isCaddyProxy = (image: string | undefined) => image !== undefined && parseImage(image).repository.includes('caddy-docker-proxy');

export function caddyHosts(project: Project): FoundHost[] {
  const proxies = services(project)
    .filter((s) => isCaddyProxy(str(get(s.node, 'image'))))
    .map((s) => s.name);
  const found: FoundHost[] = [];
  for (const proxy of proxies) {
    for (const s of services(project)) {
      const labels = get(s.node, 'labels');
      if (s.name === proxy || !isMap(labels)) continue;
      for (const pair of labels.entries.values()) {
        const value = str(pair.value);
        const loc = pair.value.loc ?? pair.key.loc;
        if (!REVERSE_PROXY.test(String(pair.key.value)) || value === undefined || !loc) continue;
        const via = String(pair.key.value);
        for (const m of value.matchAll(UPSTREAMS)) {
          const port = m[2] ? Number(m[2]) : (singlePort(s.node) ?? (m[1] === 'https' ? 443 : 80));
          found.push({ from: proxy, host: s.name, port, source: 'caddy', loc, via, byName: true });
        }
        // Literal upstreams beside the placeholders: hosts the proxy resolves by name.
        for (const m of value.replace(UPSTREAMS, ' ').matchAll(/\S+/g)) {
          const endpoint = endpointAt(m[0], 0, via, 80);
          if (endpoint && isJudgedHost(endpoint.host)) {
            found.push({
              from: proxy,
              host: endpoint.host,
              ...(endpoint.port !== undefined && { port: endpoint.port }),
              source: 'caddy',
              loc: hostLoc(project, loc, endpoint.host),
              via,
            });
          }
        }
      }
    }
  }
  return found;
}
