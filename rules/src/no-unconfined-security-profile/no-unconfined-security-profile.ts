import { defineRule, get, isSeq, str, services } from '@composure/core/rule-kit';

/** A `security_opt` entry as Docker Compose splits it: at the first `=`, else at the first `:` (the older separator). */
function split(entry: string): [string, string | undefined] {
  const separator = entry.includes('=') ? '=' : entry.includes(':') ? ':' : undefined;
  if (!separator) return [entry, undefined];
  const at = entry.indexOf(separator);
  return [entry.slice(0, at), entry.slice(at + 1)];
}

interface Unconfinement {
  action: string;
  consequence: string;
  instead: string;
}

/** What an entry turns off, what follows and what to do instead; undefined if it turns off nothing. */
export function unconfinementOf(entry: string): Unconfinement | undefined {
  // Compose handles this one itself, and only with `=`.
  if (entry === 'systempaths=unconfined') {
    return {
      action: 'unmasks the kernel paths Docker hides',
      consequence: '/proc/kcore and /sys/firmware become readable and /proc/sys and /proc/sysrq-trigger writable',
      instead: 'remove it',
    };
  }
  const [key, value] = split(entry);
  if (key === 'seccomp' && value === 'unconfined') {
    return {
      action: 'turns off the seccomp profile',
      consequence: 'every system call (mount, bpf, kexec_load, keyctl…) is open to the container',
      instead: 'remove it, or give a custom profile that allows only the calls the service needs',
    };
  }
  if (key === 'apparmor' && value === 'unconfined') {
    return {
      action: 'turns off AppArmor confinement',
      consequence: 'nothing denies it mounts or writes to /proc and /sys any more',
      instead: 'remove it, or give a custom AppArmor profile',
    };
  }
  if (key === 'label' && value === 'disable') {
    return {
      action: 'turns off SELinux separation',
      consequence: 'the container is no longer confined to its own files and processes',
      instead: 'remove it, and relabel the bind mounts it needs with ":z" or ":Z"',
    };
  }
  return undefined;
}

export const noUnconfinedSecurityProfile = defineRule({
  meta: {
    id: 'no-unconfined-security-profile',
    description: "Services should not turn off seccomp, AppArmor or SELinux confinement, or unmask the kernel's system paths.",
    severity: 'error',
    recommended: true,
    category: 'security',
    oncePerPlace: true,
    peers: ['KICS', 'compose-lint CL-0009', 'semgrep'],
    messages: {
      unconfined: 'Service "{{service}}" {{action}} ("{{entry}}"): {{consequence}}; {{instead}}.',
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      const options = get(service.node, 'security_opt');
      if (!isSeq(options)) continue;
      for (const node of options.items) {
        const entry = str(node);
        const found = entry === undefined ? undefined : unconfinementOf(entry);
        if (entry === undefined || !found) continue;
        context.report({
          messageId: 'unconfined',
          data: { service: service.name, action: found.action, entry, consequence: found.consequence, instead: found.instead },
          at: node,
          service: service.name,
        });
      }
    }
  },
});
