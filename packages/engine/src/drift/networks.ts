import type { TopologyNetwork } from '@composure/core';
import type { NetworkResource } from '../api.js';
import { COMPOSE_LABELS } from '../compose-labels.js';
import { networkText, type DriftContext } from './context.js';
import { declaredIpam } from './declared.js';
import type { DriftFinding } from './finding.js';

/**
 * network-mismatch: each network Compose creates for the project against its declaration
 * (driver, internal, inter-container traffic, the subnets and gateways written); Compose does
 * not recreate a network when the file changes, so these linger. Also: a declared network that
 * does not exist, one that exists but Compose did not create for this project, and a network of
 * the project that the files no longer declare. External networks are only looked for.
 */

const ICC_OPTION = 'com.docker.network.bridge.enable_icc';
const enabled = (on: boolean) => (on ? 'enabled' : 'disabled');
const sorted = (items: Iterable<string>) => [...new Set(items)].sort();

function differences(network: TopologyNetwork, engine: NetworkResource, project: string): string[] {
  const out: string[] = [];
  if (engine.Driver !== network.driver) out.push(`has driver ${engine.Driver} on the engine, ${network.driver} in the files`);
  if (engine.Internal !== network.internal)
    out.push(engine.Internal ? 'is internal on the engine, not in the files' : 'is internal in the files, not on the engine');
  if (network.driver === 'bridge') {
    const icc = (engine.Options?.[ICC_OPTION] ?? 'true').toLowerCase() !== 'false';
    if (icc !== network.icc) out.push(`has inter-container traffic (ICC) ${enabled(icc)} on the engine, ${enabled(network.icc)} in the files`);
  }
  const written = declaredIpam(network);
  const configs = engine.IPAM.Config ?? [];
  if (written.length > 0) {
    const want = sorted(written.map((w) => w.subnet));
    const have = sorted(configs.map((c) => c.Subnet ?? '').filter(Boolean));
    if (want.join() !== have.join()) out.push(`has subnet ${have.join(', ') || 'none'} on the engine, ${want.join(', ')} in the files`);
    for (const { subnet, gateway } of written) {
      const config = configs.find((c) => c.Subnet === subnet);
      if (gateway !== undefined && config && config.Gateway !== gateway)
        out.push(`has gateway ${config.Gateway || 'none'} for ${subnet} on the engine, ${gateway} in the files`);
    }
  }
  const owner = engine.Labels?.[COMPOSE_LABELS.project];
  const key = engine.Labels?.[COMPOSE_LABELS.network];
  if (owner !== project || key !== network.key) {
    out.push(
      owner === undefined
        ? 'was not created by Compose (it has no project label)'
        : `was created by Compose for ${owner === project ? `network key ${key ?? '(none)'}` : `project ${owner}`}, not for this project's ${network.key}`,
    );
  }
  return out;
}

export function networkFindings(context: DriftContext): DriftFinding[] {
  const { declared, running } = context;
  const findings: DriftFinding[] = [];
  for (const [name, network] of declared.networks) {
    const where = networkText(network.key, name);
    const loc = network.pair?.key.loc ?? declared.top;
    const engine = running.networks.get(name);
    if (!engine) {
      findings.push({
        kind: 'network-mismatch',
        network: network.key,
        message: `${network.external ? 'external ' : ''}${where} does not exist on the engine`,
        loc,
      });
      continue;
    }
    if (network.external) continue;
    for (const difference of differences(network, engine, declared.name)) {
      findings.push({ kind: 'network-mismatch', network: network.key, message: `${where} ${difference}`, loc });
    }
  }
  for (const engine of running.networks.values()) {
    const key = engine.Labels?.[COMPOSE_LABELS.network];
    if (engine.Labels?.[COMPOSE_LABELS.project] !== declared.name || declared.keyOf.has(engine.Name)) continue;
    findings.push({
      kind: 'network-mismatch',
      network: key ?? engine.Name,
      message: `${networkText(key, engine.Name)} belongs to the project, but the files do not declare it`,
      loc: declared.top,
    });
  }
  return findings;
}
