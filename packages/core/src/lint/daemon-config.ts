import type { Host } from '../host.js';
import { get, isSeq, str } from '../source/node.js';
import { parseYaml } from '../source/parse-yaml.js';
import { SourceFile } from '../source/source-file.js';
import { parseCidr } from '../topology/addresses.js';
import { ConfigError, type ResolvedConfig } from './config.js';
import type { AddressPool } from './rule.js';

/**
 * The Docker daemon's `default-address-pools` (https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file),
 * each `base` where daemon.json writes it, so that a finding about a pool points there.
 * An unreadable or malformed daemon.json is a configuration error.
 */
export function readAddressPools(path: string, host: Host): { pools: AddressPool[]; file: SourceFile } {
  const bytes = host.readFile(path);
  if (bytes === undefined) throw new ConfigError(`cannot read the daemon configuration ${path}`, path);
  const { file, documents, diagnostics } = parseYaml(new SourceFile(path, new TextDecoder().decode(bytes)));
  const error = diagnostics.find((d) => d.severity === 'error');
  if (error) throw new ConfigError(`invalid JSON in the daemon configuration ${path}: ${error.message}`, path, file.position(error.loc.start));
  const pools: AddressPool[] = [];
  const list = get(documents[0], 'default-address-pools');
  if (list === undefined) return { pools, file };
  if (!isSeq(list)) throw new ConfigError(`default-address-pools in ${path} must be a list`, path);
  for (const item of list.items) {
    const base = get(item, 'base');
    const text = str(base);
    const parsed = text === undefined ? undefined : parseCidr(text);
    if (!base || !parsed?.ok) {
      const where = base?.loc ? file.position(base.loc.start) : undefined;
      throw new ConfigError(`a default address pool's base in ${path} ${parsed && !parsed.ok ? `"${text}" ${parsed.problem}` : 'is missing'}`, path, where);
    }
    pools.push({ text: text!, cidr: parsed.value, node: base });
  }
  return { pools, file };
}

/** Reads the daemon.json a configuration or --daemon-config names into it; returns its file, for findings that point into it. */
export function withAddressPools(config: ResolvedConfig, override: string | undefined, host: Host): SourceFile | undefined {
  const path = override ?? config.daemon;
  if (path === undefined) return undefined;
  const { pools, file } = readAddressPools(path, host);
  config.addressPools = pools;
  return file;
}
