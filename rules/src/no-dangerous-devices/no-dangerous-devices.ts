import {
  defineRule,
  get,
  isMap,
  isSeq,
  placeKey,
  str,
  services,
  type Fix,
  type Loc,
  type Node,
  type Project,
  type SuggestionDescriptor,
} from '@composure/core/rule-kit';
import { removeItemFix } from '../suggest.js';
import { cleanHostPath, literalAt } from '../volumes.js';

interface DangerousDevice {
  pattern: RegExp;
  /** What the message calls it (the path follows). */
  kind: string;
  consequence: string;
  /** Added to "remove it". */
  instead: string;
}

const BLOCK = {
  kind: 'block device',
  consequence: 'the container can read and rewrite the disk underneath every file permission and mount option',
  instead: ', and mount only the data the service needs as a volume',
};

/**
 * Host devices that give raw access to storage or memory. Paths are compared after cleaning
 * (`/dev//sda/` is `/dev/sda`). GPUs, /dev/fuse, /dev/net/tun, sound, video, serial and USB devices,
 * optical drives and the SCSI generic devices they need are not dangerous in this sense.
 */
const DEVICES: DangerousDevice[] = [
  {
    pattern: /^\/dev$/,
    kind: 'device directory',
    consequence: "Docker adds every device under it, the host's disks included",
    instead: ', and list only the devices the service needs',
  },
  { pattern: /^\/dev\/(sd|hd|vd|xvd)[a-z]+\d*$/, ...BLOCK }, // SCSI/SATA, IDE, virtio and Xen disks and partitions
  { pattern: /^\/dev\/nvme\d+(n\d+(p\d+)?)?$/, ...BLOCK }, // NVMe controllers, namespaces, partitions
  { pattern: /^\/dev\/mmcblk\d+(p\d+|boot\d+|rpmb)?$/, ...BLOCK }, // SD cards and eMMC (a Raspberry Pi's root disk)
  { pattern: /^\/dev\/(md\d+|md\/.+)$/, ...BLOCK }, // software RAID
  { pattern: /^\/dev\/(dm-\d+|mapper(\/.+)?)$/, ...BLOCK }, // device mapper: LVM, LUKS
  { pattern: /^\/dev\/(disk|block)(\/.+)?$/, ...BLOCK }, // links to the disks by id, uuid, label, number
  { pattern: /^\/dev\/(loop\d+|loop-control)$/, ...BLOCK }, // loop devices: attach any image, allocate new ones
  { pattern: /^\/dev\/(nbd|rbd|zd|bcache|drbd)\d+$/, ...BLOCK }, // network, Ceph, ZFS volume, bcache, DRBD block devices
  {
    pattern: /^\/dev\/zfs$/,
    kind: 'ZFS control device',
    consequence: 'the container can create, destroy and import every ZFS pool the host sees',
    instead: '',
  },
  {
    pattern: /^\/dev\/(mem|kmem|port)$/,
    kind: 'memory device',
    consequence: "the container can read and write the host's physical memory or I/O ports",
    instead: '',
  },
];

export function dangerousDevice(path: string): DangerousDevice | undefined {
  const clean = cleanHostPath(path);
  return DEVICES.find((device) => device.pattern.test(clean));
}

/** Where the host path of a `devices` entry was written: the `source` value, or its part of a `source:target:permissions` string. */
function hostPlace(project: Project, entry: Node, source: Node): Node | Loc {
  const short = entry.loc !== undefined && source.loc !== undefined && placeKey(entry.loc) === placeKey(source.loc);
  if (!short || !entry.loc) return source;
  const literal = literalAt(project, entry.loc);
  const host = literal?.text.split(':')[0];
  if (!literal || host === undefined || cleanHostPath(host) !== cleanHostPath(str(source) ?? '')) return source;
  return { file: literal.file, start: literal.start, end: literal.start + host.length };
}

export const noDangerousDevices = defineRule({
  meta: {
    id: 'no-dangerous-devices',
    description: "Services should not be given the host's block devices or memory devices under `devices`.",
    severity: 'error',
    recommended: true,
    category: 'security',
    oncePerPlace: true,
    peers: ['compose-lint CL-0016'],
    hasSuggestions: true,
    messages: {
      removeDevice: 'Remove the device {{path}}',
      hostDevice: `Service "{{service}}" is given the host's {{kind}} {{path}} (devices): {{consequence}}; remove it{{instead}}.`,
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      const devices = get(service.node, 'devices');
      if (!isSeq(devices)) continue;
      for (const entry of devices.items) {
        const source = isMap(entry) ? get(entry, 'source') : undefined;
        const path = str(source);
        const device = path === undefined ? undefined : dangerousDevice(path);
        if (!entry || !source || !device || path === undefined) continue;
        const at = hostPlace(context.project, entry, source);
        context.report({
          messageId: 'hostDevice',
          data: { service: service.name, kind: device.kind, path, consequence: device.consequence, instead: device.instead },
          at,
          service: service.name,
          // A suggestion: the service may need the device (the message names the narrower way when there is one).
          suggest: removal(removeItemFix(context.project, entry), path),
        });
      }
    }
  },
});

function removal(fix: Fix | undefined, path: string): SuggestionDescriptor<'removeDevice'>[] | undefined {
  return fix ? [{ messageId: 'removeDevice', data: { path }, fix }] : undefined;
}
