import { defineRule, services, type Severity } from '@composure/core/rule-kit';
import { controlSocketOf, describeHostPath, serviceMounts, type HostPath } from '../volumes.js';

/**
 * How a category's mounts are judged:
 * - `tiered`: writable is an error, read-only a warning (disclosure only);
 * - `always`: an error read-only or not (sockets and device nodes ignore a read-only mount);
 * - `writable`: only a writable mount is reported, as an error (public programs and libraries);
 * - `writable-warning`: only a writable mount is reported, as a warning (ordinary configuration files).
 */
type Tier = 'tiered' | 'always' | 'writable' | 'writable-warning';

interface Category {
  tier: Tier;
  /** What the mounted path is, for the message. */
  what: string;
  /** What a writable mount lets the container do (for `always`: why read-only does not help). */
  write: string;
  /** What a read-only mount still discloses (`tiered` only). */
  read?: string;
  /** The remedy for a writable mount, when not the default. */
  instead?: string;
}

const C = {
  rootFs: {
    tier: 'tiered',
    what: "the host's whole file system",
    read: 'every file on the host, password hashes and keys included',
    write: 'the container can change any file on the host, which is host root',
  },
  etc: {
    tier: 'tiered',
    what: 'host configuration',
    read: 'password hashes, SSH host keys and the credentials of host services',
    write: 'the host takes its users, sudo rules, cron jobs, services and dynamic loader settings from there, which is host root',
  },
  etcPart: {
    tier: 'tiered',
    what: 'host configuration',
    read: 'the keys, credentials or security settings it holds',
    write: 'the host takes its users, sudo rules, cron jobs, services and dynamic loader settings from there, which is host root',
  },
  accounts: { tier: 'writable', what: 'host accounts', write: 'an account added there with user id 0 is host root', instead: 'mount it read-only' },
  etcOther: {
    tier: 'writable-warning',
    what: 'host configuration',
    write: 'host programs may read what the container writes there as their configuration',
    instead: "mount it read-only, or keep the service's files in the project directory or a volume",
  },
  harmless: { tier: 'writable-warning', what: 'a host system file', write: "the container can rewrite the host's copy", instead: 'mount it read-only' },
  proc: {
    tier: 'tiered',
    what: "the host's processes and kernel settings",
    read: 'the command line and environment of every host process',
    write: "kernel settings such as /proc/sys/kernel/core_pattern make the host run a program of the container's choosing as root",
  },
  sys: {
    tier: 'tiered',
    what: "the host's kernel and device interfaces",
    read: "the host's kernel, device and cgroup details",
    write: 'kernel, device and cgroup settings of the host are written there (/sys/kernel/uevent_helper runs a program as root)',
  },
  dev: {
    tier: 'always',
    what: "the host's device nodes",
    write:
      "every host device is usable through it as far as the container's device rules allow (all of them when privileged), and a read-only mount does not stop writing to a device",
  },
  boot: {
    tier: 'tiered',
    what: "the host's kernel and boot loader",
    read: "the host's kernel and its configuration",
    write: "a replaced kernel or initramfs runs on the host's next boot",
  },
  rootHome: {
    tier: 'tiered',
    what: "root's home directory",
    read: "root's SSH keys, credentials and shell history",
    write: "root's authorized_keys and shell startup files are there, which is host root",
  },
  home: {
    tier: 'tiered',
    what: 'a home directory',
    read: 'SSH keys, cloud credentials and shell history',
    write: "the user's authorized_keys and shell startup files are there",
  },
  homes: {
    tier: 'tiered',
    what: 'home directories',
    read: 'SSH keys, cloud credentials and shell history',
    write: "the authorized_keys and shell startup files of the host's users are there",
  },
  credentials: {
    tier: 'tiered',
    what: 'credentials',
    read: 'the keys and tokens stored there',
    write: 'the container can read and replace the keys, tokens and settings stored there',
  },
  runtime: {
    tier: 'always',
    what: "the host's runtime sockets",
    write: 'the Docker, containerd, systemd and D-Bus sockets there control the host, and a read-only mount does not stop connecting to a socket',
  },
  runtimeState: {
    tier: 'tiered',
    what: 'container runtime state',
    read: "every container's files, volumes and secrets",
    write: "other containers' files and images are there, and they run with what the container writes on their next start",
  },
  cron: { tier: 'tiered', what: "the host's cron tables", read: "the host's scheduled jobs", write: 'a cron job added there runs as root on the host' },
  system: {
    tier: 'writable',
    what: 'programs and libraries the host runs',
    write: 'a replaced program, library or kernel module runs as root on the host',
    instead: 'mount it read-only',
  },
} satisfies Record<string, Category>;

/** `/etc` files that disclose nothing (time zone, host name, public CA certificates): only a writable mount is reported, as a warning. */
const HARMLESS_ETC = [
  'localtime',
  'timezone',
  'machine-id',
  'hostname',
  'hosts',
  'resolv.conf',
  'os-release',
  'ssl/certs',
  'ca-certificates',
  'pki/ca-trust',
  'pki/tls/certs',
];

/** `/etc` files that list the host's accounts: no secret in them, but a writable mount adds a root account. */
const ACCOUNTS_ETC = ['passwd', 'group'];

/** `/etc` entries that hold secrets or decide what runs as root: judged as `/etc` itself. */
const CRITICAL_ETC = [
  'shadow',
  'gshadow',
  'sudoers',
  'sudoers.d',
  'ssh',
  'crontab',
  'anacrontab',
  'cron.d',
  'cron.hourly',
  'cron.daily',
  'cron.weekly',
  'cron.monthly',
  'systemd',
  'init.d',
  'rc.local',
  'profile',
  'profile.d',
  'bash.bashrc',
  'environment',
  'ld.so.preload',
  'ld.so.conf',
  'ld.so.conf.d',
  'pam.d',
  'security',
  'sysctl.conf',
  'sysctl.d',
  'modprobe.d',
  'modules-load.d',
  'udev',
  'polkit-1',
  'apt',
  'yum.repos.d',
  'docker',
  'containerd',
  'kubernetes',
];

/** Directories in a home that hold credentials (`~/.ssh`, `/home/alice/.aws`). */
const CREDENTIAL_DIRS = ['.ssh', '.aws', '.azure', '.kube', '.docker', '.gnupg', '.config/gcloud', '.netrc', '.git-credentials'];

/** Runtime directories whose sockets control the host (under `/run`, and `/var/run` which links to it). */
const RUNTIME_DIRS = ['dbus', 'systemd', 'containerd', 'docker', 'podman', 'crio'];

/** Where the host runs programs and libraries from (and `/lib/modules`, its kernel modules). */
const SYSTEM_DIRS = [
  '/bin',
  '/sbin',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/usr/bin',
  '/usr/sbin',
  '/usr/lib',
  '/usr/lib32',
  '/usr/lib64',
  '/usr/libexec',
  '/usr/local/bin',
  '/usr/local/sbin',
  '/usr/local/lib',
];

/** Runtime state directories, and the directories holding them (`/var`, `/var/lib`). */
const RUNTIME_STATE = ['/var/lib/docker', '/var/lib/containerd', '/var/lib/kubelet'];

const under = (path: string, root: string) => path === root || path.startsWith(`${root}/`);
const underAny = (rest: string, names: readonly string[]) => names.some((name) => under(rest, name));

export interface Sensitivity {
  category: Category;
  /** For a directory that holds a sensitive one (`/var` holds `/var/lib/docker`): that one. */
  holds?: string;
}

/** Why a host path is sensitive, or undefined. Engine sockets are left to no-docker-socket-mount; relative (project) paths are never sensitive. */
export function sensitivityOf(host: Pick<HostPath, 'path' | 'relative' | 'home'>): Sensitivity | undefined {
  const { path } = host;
  if (controlSocketOf(path)) return undefined;
  if (host.home !== undefined) {
    if (host.home === '') return { category: C.home };
    return underAny(host.home.slice(1), CREDENTIAL_DIRS) ? { category: C.credentials } : undefined;
  }
  if (host.relative || !path.startsWith('/')) return undefined;
  if (path === '/') return { category: C.rootFs };
  if (under(path, '/etc')) {
    const rest = path.slice('/etc/'.length);
    if (path === '/etc') return { category: C.etc };
    if (underAny(rest, CRITICAL_ETC)) return { category: C.etcPart };
    if (ACCOUNTS_ETC.includes(rest)) return { category: C.accounts };
    return { category: underAny(rest, HARMLESS_ETC) ? C.harmless : C.etcOther };
  }
  if (under(path, '/proc')) return { category: C.proc };
  if (under(path, '/sys')) return { category: C.sys };
  if (path === '/dev') return { category: C.dev };
  if (under(path, '/boot')) return { category: C.boot };
  if (under(path, '/root')) return { category: C.rootHome };
  if (path === '/home') return { category: C.homes };
  if (/^\/home\/[^/]+$/.test(path)) return { category: C.home };
  const home = /^\/home\/[^/]+\/(.+)$/.exec(path);
  if (home) return underAny(home[1], CREDENTIAL_DIRS) ? { category: C.credentials } : undefined;
  for (const run of ['/run', '/var/run']) {
    if (path === run || RUNTIME_DIRS.some((dir) => under(path, `${run}/${dir}`))) return { category: C.runtime };
  }
  if (RUNTIME_STATE.some((dir) => under(path, dir))) return { category: C.runtimeState };
  if (under(path, '/var/spool/cron')) return { category: C.cron };
  if (path === '/var' || path === '/var/lib') return { category: C.runtimeState, holds: '/var/lib/docker' };
  if (path === '/var/spool') return { category: C.cron, holds: '/var/spool/cron' };
  if (path === '/usr' || path === '/usr/local' || SYSTEM_DIRS.some((dir) => under(path, dir))) return { category: C.system };
  return undefined;
}

export const noSensitiveHostMount = defineRule({
  meta: {
    id: 'no-sensitive-host-mount',
    description:
      'Services should not bind-mount sensitive host paths (`/`, `/etc`, `/proc`, `/sys`, `/run`, `/root`, `/boot`, `/var/lib/docker`…); writable is an error, read-only a warning.',
    severity: 'error',
    recommended: true,
    category: 'security',
    oncePerPlace: true,
    peers: ['KICS', 'compose-lint CL-0013', 'compose-lint CL-0025', 'DockSec'],
    messages: {
      bindMount: 'Service "{{service}}" bind-mounts {{path}} from the host ({{what}}){{mode}}: {{consequence}}.',
      volumeBind: 'Service "{{service}}" mounts volume "{{volume}}", which binds {{path}} from the host ({{what}}){{mode}}: {{consequence}}.',
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      for (const mount of serviceMounts(context.project, service.node)) {
        const host = mount.host;
        const found = host && sensitivityOf(host);
        if (!host || !found) continue;
        const { category, holds } = found;
        const readOnly = mount.readOnly;
        let severity: Severity;
        let consequence: string;
        let mode: string;
        if (category.tier === 'always') {
          severity = 'error';
          mode = '';
          consequence = `${category.write}; remove the mount`;
        } else if (readOnly) {
          if (category.tier !== 'tiered') continue;
          severity = 'warning';
          mode = ' read-only';
          consequence = `it can still read ${category.read}; mount only the files the service needs`;
        } else {
          severity = category.tier === 'writable-warning' ? 'warning' : 'error';
          mode = ' writable';
          consequence = `${category.write}; ${category.instead ?? 'remove the mount, or mount only the files the service needs, read-only'}`;
        }
        const data = { service: service.name, path: describeHostPath(host), what: `${category.what}${holds ? `: it holds ${holds}` : ''}`, mode, consequence };
        context.report({
          ...(host.volume === undefined ? { messageId: 'bindMount', data } : { messageId: 'volumeBind', data: { ...data, volume: host.volume } }),
          at: host.at,
          service: service.name,
          severity,
        });
      }
    }
  },
});
