import { get, str, type Node } from '../source/node.js';
import { isUninterpolated } from '../schema/describe.js';

/**
 * What a service's `network_mode` value means to Docker:
 * `host` the host's stack, `none` no interface, `bridge` (or `default`) the default bridge,
 * `service:X` / `container:X` another container's namespace, anything else a network by name.
 * `unknown`: a value interpolation could not resolve (the `interpolation` finding says why),
 * or `service:` / `container:` without a name (the schema reports it).
 */
export type NetworkModeKind = 'host' | 'none' | 'bridge' | 'service' | 'container' | 'network' | 'unknown';

export interface NetworkModeSetting {
  kind: NetworkModeKind;
  /** The value, as Compose resolved it. */
  text: string;
  /** The `network_mode` value node. */
  node: Node;
  /** For `service:X` / `container:X`: X. */
  owner?: string;
}

/** The service's network mode, or undefined when `network_mode` is not set (or empty, which Compose treats as not set). */
export function networkModeOf(service: Node): NetworkModeSetting | undefined {
  const node = get(service, 'network_mode');
  const text = str(node);
  if (!node || text === undefined || text === '') return undefined;
  if (isUninterpolated(text)) return { kind: 'unknown', text, node };
  if (text === 'host' || text === 'none' || text === 'bridge') return { kind: text, text, node };
  if (text === 'default') return { kind: 'bridge', text, node };
  for (const kind of ['service', 'container'] as const) {
    if (!text.startsWith(`${kind}:`)) continue;
    const owner = text.slice(kind.length + 1);
    // `service:` with no name: the schema reports it, and what it would share is unknown.
    return owner === '' ? { kind: 'unknown', text, node } : { kind, text, node, owner };
  }
  return { kind: 'network', text, node };
}
