import { get, str, type Node } from '../source/node.js';
import type { EngineBehaviour } from './engine-behaviour.js';

/**
 * A network's address families and gateway modes, as the Engine version at hand reads them
 * (https://docs.docker.com/engine/network/port-publishing/#gateway-modes,
 * https://docs.docker.com/reference/compose-file/networks/).
 */

export type GatewayMode = 'nat' | 'nat-unprotected' | 'routed' | 'isolated';
export type IpFamilyName = 'ipv4' | 'ipv6';

export interface NetworkAddressing {
  /** Containers get an IPv4 address (`enable_ipv4: false` turns it off from Engine 28). */
  ipv4: boolean;
  /** Containers get an IPv6 address (`enable_ipv6: true`). */
  ipv6: boolean;
  /** `com.docker.network.bridge.gateway_mode_ipv4/ipv6` (bridge networks; `nat` elsewhere and where the version lacks the mode). */
  gatewayMode: Record<IpFamilyName, GatewayMode>;
  /** The bridge has an address on the host: the host reaches the members, and they reach the host's services. */
  hostAddress: boolean;
}

const flag = (node: Node | undefined): boolean | undefined => {
  if (node?.kind !== 'scalar') return undefined;
  if (node.value === true || node.value === 'true') return true;
  if (node.value === false || node.value === 'false') return false;
  return undefined;
};

/** A mode the version knows; Docker refuses the others (and `isolated` off an internal network), so the network is read as `nat`. */
function modeOf(text: string | undefined, internal: boolean, behaviour: EngineBehaviour): GatewayMode {
  switch (text?.trim().toLowerCase()) {
    case 'routed':
      return behaviour.routedMode ? 'routed' : 'nat';
    case 'nat-unprotected':
      return behaviour.natUnprotectedAndIsolatedModes ? 'nat-unprotected' : 'nat';
    case 'isolated':
      return behaviour.natUnprotectedAndIsolatedModes && internal ? 'isolated' : 'nat';
    default:
      return 'nat';
  }
}

export function networkAddressing(node: Node | undefined, driver: string, internal: boolean, behaviour: EngineBehaviour): NetworkAddressing {
  const ipv4 = !(behaviour.ipv4CanBeDisabled && flag(get(node, 'enable_ipv4')) === false);
  const ipv6 = flag(get(node, 'enable_ipv6')) === true;
  const options = get(node, 'driver_opts');
  const bridge = driver === 'bridge';
  const gatewayMode = {
    ipv4: bridge ? modeOf(str(get(options, 'com.docker.network.bridge.gateway_mode_ipv4')), internal, behaviour) : 'nat',
    ipv6: bridge ? modeOf(str(get(options, 'com.docker.network.bridge.gateway_mode_ipv6')), internal, behaviour) : 'nat',
  } satisfies Record<IpFamilyName, GatewayMode>;
  // `isolated` leaves the bridge without an address in that family; an internal bridge had none in 25.0.0–25.0.3.
  const addressed = (family: IpFamilyName) => gatewayMode[family] !== 'isolated';
  const hostAddress = bridge && (!internal || behaviour.internalBridgeHasHostAddress) && ((ipv4 && addressed('ipv4')) || (ipv6 && addressed('ipv6')));
  return { ipv4, ipv6, gatewayMode, hostAddress };
}
