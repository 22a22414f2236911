import type { Project } from '../../model/project.js';
import { get, isMap, str, type Loc } from '../../source/node.js';
import type { MountedConfig } from '../mounted-config.js';
import type { FoundHost } from '../resolve.js';
import type { IntentSource } from '../types.js';
import { caddyfileHosts } from './caddyfile.js';
import { haproxyHosts } from './haproxy.js';
import { nginxHosts, nginxShared, type NginxShared } from './nginx.js';
import { substituteTemplate } from './nginx-template.js';
import { prometheusHosts } from './prometheus.js';
import { traefikFileHosts } from './traefik-file.js';
import type { ConfigProblem, ParsedConfig } from './types.js';

/** A problem of a mounted config, located in the file it is written in. */
export interface LocatedConfigProblem extends Omit<ConfigProblem, 'start' | 'end'> {
  service: string;
  /** Where the service sees the config. */
  path: string;
  source: IntentSource;
  loc: Loc;
}

const SOURCE: Record<MountedConfig['dialect'], IntentSource | undefined> = {
  nginx: 'nginx',
  'nginx-template': 'nginx',
  haproxy: 'haproxy',
  caddyfile: 'caddyfile',
  'traefik-file': 'traefik',
  prometheus: 'prometheus',
  'traefik-static': undefined,
};

/** A service's environment as its container has it: its `env_file`s, overridden by `environment`. */
function environmentOf(project: Project, service: string): Map<string, string> {
  const values = new Map<string, string>();
  const node = get(get(get(project.root, 'services'), service), 'environment');
  for (const source of [project.envFileVariables.get(service), node]) {
    if (!isMap(source)) continue;
    for (const [key, pair] of source.entries) {
      const value = str(pair.value);
      if (value !== undefined) values.set(key, value);
    }
  }
  return values;
}

/** An NGINX config's text as the service's NGINX reads it: a template substituted as the image's entrypoint does. */
function nginxText(project: Project, config: MountedConfig) {
  if (config.dialect !== 'nginx-template') return { text: config.text, toFile: config.offsetIn };
  const substituted = substituteTemplate(config.text, environmentOf(project, config.service));
  return { text: substituted.text, toFile: (offset: number) => config.offsetIn(substituted.toTemplate(offset)) };
}

/** What the NGINX files of one service share (upstream names, the http block's resolver), by service. */
function nginxSharedByService(project: Project): Map<string, NginxShared> {
  const texts = new Map<string, string[]>();
  for (const config of project.mountedConfigs) {
    if (config.dialect !== 'nginx' && config.dialect !== 'nginx-template') continue;
    texts.set(config.service, [...(texts.get(config.service) ?? []), nginxText(project, config).text]);
  }
  return new Map([...texts].map(([service, list]) => [service, nginxShared(list)]));
}

function parse(project: Project, config: MountedConfig, nginx: Map<string, NginxShared>): { parsed: ParsedConfig; toFile: (offset: number) => number } {
  switch (config.dialect) {
    case 'nginx':
    case 'nginx-template': {
      const { text, toFile } = nginxText(project, config);
      return { parsed: nginxHosts(text, nginx.get(config.service)), toFile };
    }
    case 'haproxy':
      return { parsed: haproxyHosts(config.text), toFile: config.offsetIn };
    case 'caddyfile':
      return { parsed: caddyfileHosts(config.text), toFile: config.offsetIn };
    case 'traefik-file':
      return { parsed: traefikFileHosts(config.path, config.text), toFile: config.offsetIn };
    case 'prometheus':
      return { parsed: prometheusHosts(config.path, config.text), toFile: config.offsetIn };
    case 'traefik-static':
      return { parsed: { hosts: [], problems: [] }, toFile: config.offsetIn };
  }
}

const cache = new WeakMap<Project, { found: FoundHost[]; problems: LocatedConfigProblem[] }>();

/** The hosts the mounted configs name, and what is wrong with them, each located in its own file. */
export function mountedConfigHosts(project: Project): { found: FoundHost[]; problems: LocatedConfigProblem[] } {
  let result = cache.get(project);
  if (result) return result;
  result = { found: [], problems: [] };
  const nginx = nginxSharedByService(project);
  for (const config of project.mountedConfigs) {
    const source = SOURCE[config.dialect];
    if (!source) continue;
    const { parsed, toFile } = parse(project, config, nginx);
    const loc = (start: number, end: number): Loc => {
      const from = toFile(start);
      return { file: config.file.path, start: from, end: Math.max(from, toFile(end)) };
    };
    for (const host of parsed.hosts) {
      result.found.push({
        from: config.service,
        host: host.host,
        ...(host.port !== undefined && { port: host.port }),
        source,
        loc: loc(host.start, host.end),
        via: host.via,
      });
    }
    for (const { start, end, ...problem } of parsed.problems)
      result.problems.push({ ...problem, service: config.service, path: config.path, source, loc: loc(start, end) });
  }
  cache.set(project, result);
  return result;
}

/** The hosts the mounted configs name (a source of intents). */
export const configHosts = (project: Project): FoundHost[] => mountedConfigHosts(project).found;
