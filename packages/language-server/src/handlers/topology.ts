/** `composure/topology` (src/protocol.ts): the diagram page of the project an open document belongs to. */
import { topologyPage } from '../features/topology.js';
import { TOPOLOGY_REQUEST, type TopologyParams, type TopologyResult } from '../protocol.js';
import { targetOf } from '../request-target.js';
import type { ServerParts } from '../server-parts.js';

export function registerTopology({ connection, workspace, guard, settings }: ServerParts): void {
  connection.onRequest(
    TOPOLOGY_REQUEST,
    // Any client may send anything: the params are checked, not trusted.
    guard.request('topology', null, async (params: Partial<Record<keyof TopologyParams, unknown>> | undefined): Promise<TopologyResult | null> => {
      if (!params || typeof params.uri !== 'string') return null;
      const target = await targetOf(params.uri, workspace, settings);
      return topologyPage(target?.analysis);
    }),
  );
}
