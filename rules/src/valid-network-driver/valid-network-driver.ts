import {
  defineRule,
  get,
  getPair,
  isExternalNetwork,
  isScalar,
  isUninterpolated,
  section,
  type Fix,
  type MessageData,
  type Node,
  type Pair,
} from '@composure/core/rule-kit';
import { replaceWritten, setEntryFix } from '../suggest.js';

/**
 * A string or number option as Docker reads it (`mtu: 1500` and `mtu: "1500"` alike); undefined
 * when empty, unresolved, or of another type (the schema reports those).
 */
function written(node: Node | undefined): string | undefined {
  if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) return undefined;
  const text = String(node.value);
  return text === '' || isUninterpolated(text) ? undefined : text;
}

const IPVLAN_MODES = ['l2', 'l3', 'l3s'];
const IPVLAN_FLAGS = ['bridge', 'private', 'vepa'];
const MACVLAN_MODES = ['bridge', 'vepa', 'passthru', 'private'];
/** Linux IFNAMSIZ is 16 bytes with the terminating NUL. */
const MAX_INTERFACE_NAME = 15;
/** The smallest MTU IPv4 allows (RFC 791), the largest a Linux bridge or veth takes, and IPv6's minimum (RFC 8200). */
const MTU_MIN = 68;
const MTU_MAX = 65535;
const IPV6_MTU_MIN = 1280;

const BRIDGE_NAME = 'com.docker.network.bridge.name';
const MTU = 'com.docker.network.driver.mtu';

const truthy = (node: Node | undefined) => isScalar(node) && (node.value === true || (typeof node.value === 'string' && node.value.toLowerCase() === 'true'));

/** `one of a, b, c` with a hint when only the case is wrong (Docker compares exactly). */
function oneOf(value: string, allowed: readonly string[]): string {
  const hint = allowed.includes(value.toLowerCase()) ? ` (Docker compares exactly: write "${value.toLowerCase()}")` : '';
  return `one of ${allowed.join(', ')}${hint}`;
}

export const validNetworkDriver = defineRule({
  meta: {
    id: 'valid-network-driver',
    description:
      "A network's driver settings must work as written: macvlan/ipvlan with a `parent` and a known mode, a bridge name Linux accepts, an MTU in range, and overlay networks `attachable`.",
    severity: 'warning',
    recommended: true,
    category: 'network',
    fixable: true,
    messages: {
      loopbackParent:
        'Network "{{network}}" uses the loopback interface as the {{driver}} parent, which Docker refuses ("loopback interface is not a valid {{driver}} parent link"); name a host interface such as eth0.',
      noParent:
        'Network "{{network}}" uses the {{driver}} driver without driver_opts.parent, so Docker attaches it to a dummy link and its containers reach only each other; set parent to a host interface (e.g. eth0), or internal: true if that isolation is intended.',
      unknownMode: `The {{key}} "{{mode}}" of network "{{network}}" is not {{allowed}}: Docker refuses the network ("requested {{driver}} mode '{{mode}}' is not valid").`,
      unknownFlag: `The ipvlan_flag "{{flag}}" of network "{{network}}" is not {{allowed}}: Docker refuses the network ("requested ipvlan flag '{{flag}}' is not valid").`,
      bridgeNameTooLong:
        'The bridge name "{{name}}" of network "{{network}}" is {{length}} long, but Linux interface names hold at most {{max}}: Docker cannot create the bridge; shorten it.',
      mtuNotNumber: 'The MTU "{{mtu}}" of network "{{network}}" is not a whole number: Docker refuses the network; write a number of bytes such as 1500.',
      mtuOutOfRange:
        'The MTU {{mtu}} of network "{{network}}" is outside {{min}}–{{max}}, the range Linux accepts for an interface MTU; use a value such as 1500.',
      mtuBelowIpv6:
        'The MTU {{mtu}} of network "{{network}}" is below {{min}}, the minimum IPv6 needs, and the network enables IPv6: Linux disables IPv6 on its interfaces; use at least {{min}}.',
      overlayNotAttachable:
        'Network "{{network}}" uses the overlay driver without attachable: true, and containers that Compose starts cannot join a non-attachable overlay network; add attachable: true.',
    },
  },
  check(context) {
    for (const declaration of section(context.project, 'networks')) {
      const network = String(declaration.key.value);
      const node = declaration.value;
      // An external network already exists: its driver and options are whatever it was created with.
      if (isExternalNetwork(node)) continue;
      const driverNode = get(node, 'driver');
      const driver = written(driverNode) ?? (driverNode === undefined ? 'bridge' : undefined);
      const options = get(node, 'driver_opts');
      const option = (key: string): { pair: Pair; text: string } | undefined => {
        const pair = getPair(options, key);
        const text = written(pair?.value);
        return pair && text !== undefined ? { pair, text } : undefined;
      };
      const report = (at: Node | Pair, messageId: Parameters<typeof context.report>[0]['messageId'], data: MessageData, fix?: Fix) =>
        context.report({ messageId, data: { network, ...data }, at, fix });

      if (driver === 'macvlan' || driver === 'ipvlan') {
        const parentPair = getPair(options, 'parent');
        const parent = written(parentPair?.value);
        // `parent: ""` is as good as none; a null, a list or an unresolved variable is another finding's.
        const noParent = parentPair === undefined || (isScalar(parentPair.value) && parentPair.value.value === '');
        if (parent === 'lo') {
          report(parentPair!.value, 'loopbackParent', { driver });
        } else if (noParent && !truthy(get(node, 'internal')) && driverNode) {
          // An empty `parent: ""` is the place to fix; with none written, the driver that needs it.
          report(parentPair ? parentPair.value : driverNode, 'noParent', { driver });
        }
        const modeKey = driver === 'ipvlan' ? 'ipvlan_mode' : 'macvlan_mode';
        const modes = driver === 'ipvlan' ? IPVLAN_MODES : MACVLAN_MODES;
        const mode = option(modeKey);
        if (mode && !modes.includes(mode.text)) {
          report(mode.pair.value, 'unknownMode', { key: modeKey, mode: mode.text, allowed: oneOf(mode.text, modes), driver });
        }
        const flag = driver === 'ipvlan' ? option('ipvlan_flag') : undefined;
        if (flag && !IPVLAN_FLAGS.includes(flag.text)) {
          report(flag.pair.value, 'unknownFlag', { flag: flag.text, allowed: oneOf(flag.text, IPVLAN_FLAGS) });
        }
      }

      // Only the bridge driver reads the name (other drivers ignore the option).
      const bridgeName = driver === 'bridge' ? option(BRIDGE_NAME) : undefined;
      const bytes = bridgeName ? Buffer.byteLength(bridgeName.text, 'utf8') : 0;
      if (bridgeName && bytes > MAX_INTERFACE_NAME) {
        const length = bytes === bridgeName.text.length ? `${bytes} characters` : `${bytes} bytes`;
        report(bridgeName.pair.value, 'bridgeNameTooLong', { name: bridgeName.text, length, max: MAX_INTERFACE_NAME });
      }

      const mtu = option(MTU);
      if (mtu) {
        const value = /^\d+$/.test(mtu.text) ? Number(mtu.text) : undefined;
        if (value === undefined) {
          report(mtu.pair.value, 'mtuNotNumber', { mtu: mtu.text });
        } else if (value < MTU_MIN || value > MTU_MAX) {
          report(mtu.pair.value, 'mtuOutOfRange', { mtu: mtu.text, min: MTU_MIN, max: MTU_MAX });
        } else if (value < IPV6_MTU_MIN && truthy(get(node, 'enable_ipv6'))) {
          report(mtu.pair.value, 'mtuBelowIpv6', { mtu: mtu.text, min: IPV6_MTU_MIN });
        }
      }

      if (driver === 'overlay' && !truthy(get(node, 'attachable'))) {
        const attachable = get(node, 'attachable');
        // `attachable: false` written out is the place to fix; otherwise the driver that asks for it.
        const at = attachable !== undefined && isScalar(attachable) && attachable.value !== null ? attachable : driverNode;
        if (at) {
          // Compose cannot start the project's containers on it otherwise: safe to add unasked.
          const fix =
            at === attachable ? replaceWritten(context.project, attachable, true) : setEntryFix(context.project, declaration, 'attachable', true, at.loc?.file);
          report(at, 'overlayNotAttachable', {}, fix);
        }
      }
    }
  },
});
