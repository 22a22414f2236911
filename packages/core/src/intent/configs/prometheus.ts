import { isSeq, str } from '../../source/node.js';
import { getPath, readStructured, textStart } from './structured.js';
import { endpointAt, schemePort, type ConfigHost, type ParsedConfig } from './types.js';

/**
 * The targets Prometheus scrapes (https://prometheus.io/docs/prometheus/latest/configuration/configuration/#static_config):
 * `scrape_configs[].static_configs[].targets[]`, `host:port`; without a port, the job's
 * `scheme`'s (http, 80, by default).
 */
export function prometheusHosts(path: string, text: string): ParsedConfig {
  const read = readStructured(path, text);
  if (!('tree' in read)) return { hosts: [], problems: [{ kind: 'unreadable', start: read.offset, end: read.offset + 1, detail: read.error }] };
  const hosts: ConfigHost[] = [];
  const jobs = getPath(read.tree, ['scrape_configs']);
  for (const job of isSeq(jobs) ? jobs.items : []) {
    const port = schemePort(str(getPath(job, ['scheme'])) ?? 'http');
    const statics = getPath(job, ['static_configs']);
    for (const group of isSeq(statics) ? statics.items : []) {
      const targets = getPath(group, ['targets']);
      for (const target of isSeq(targets) ? targets.items : []) {
        if (target.kind !== 'scalar' || typeof target.value !== 'string' || !target.loc) continue;
        const found = endpointAt(target.value, textStart(text, target.loc.start), 'targets', port);
        if (found) hosts.push(found);
      }
    }
  }
  return { hosts, problems: [] };
}
