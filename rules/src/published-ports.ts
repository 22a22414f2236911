import { networkModeOf, type TopologyService } from '@composure/core';

/**
 * Whether Docker binds the published ports of a service, for rules about ports on the host.
 * `network_mode: host` discards them, `none` has nothing to bind on, `service:`/`container:`
 * make Docker refuse them (no-network-mode-conflict says so); a service only on internal
 * networks has no gateway to bind them on (no-unreachable-ports says so).
 */
export function bindsPorts(service: TopologyService): boolean {
  const mode = networkModeOf(service.node);
  if (mode) return mode.kind === 'bridge' || mode.kind === 'network';
  return service.egress;
}

/** A published port as the canonical form writes it, `8080` or `8000-8010`, as bounds; undefined for anything else (unresolved variables). */
export function hostPortRange(published: string | undefined): { low: number; high: number } | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(published?.trim() ?? '');
  if (!match) return undefined;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return high < low ? undefined : { low, high };
}
