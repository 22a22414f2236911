import { defineRule, get, isSeq, str, services, type Fix, type Severity, type SuggestionDescriptor } from '@composure/core/rule-kit';
import { removeItemFix } from '../suggest.js';

interface Danger {
  severity: Severity;
  /** What the capability gives, as a clause of the message. */
  gives: string;
}

/**
 * Capabilities that reach past the container, with what each allows (capabilities(7)).
 * Error: a direct route to code execution on the host. Warning: host-wide reach short of that.
 * Capabilities in Docker's default set (CHOWN, DAC_OVERRIDE, NET_RAW, MKNOD, SETUID…) are not listed:
 * adding them changes nothing unless cap_drop removed them first.
 */
export const DANGEROUS_CAPABILITIES: Readonly<Record<string, Danger>> = {
  ALL: { severity: 'error', gives: 'that is the capability half of privileged: true' },
  SYS_ADMIN: {
    severity: 'error',
    gives: 'it allows mounting file systems, creating namespaces and most other administration calls, the usual way out of a container',
  },
  SYS_MODULE: { severity: 'error', gives: "it allows loading kernel modules, which run any code in the host's kernel" },
  SYS_RAWIO: { severity: 'error', gives: 'it allows raw I/O port and memory access (iopl, ioperm, /dev/mem)' },
  DAC_READ_SEARCH: { severity: 'warning', gives: 'it allows opening any file by handle (open_by_handle_at), the "Shocker" route to the host\'s files' },
  BPF: { severity: 'warning', gives: "it allows loading BPF programs into the host's kernel" },
  PERFMON: { severity: 'warning', gives: 'it allows observing every process on the host through perf_event_open' },
  SYS_PTRACE: { severity: 'warning', gives: 'it allows tracing other processes and reading and writing their memory' },
  NET_ADMIN: { severity: 'warning', gives: 'it allows reconfiguring interfaces, routes and firewall rules, and sniffing traffic' },
  SYS_BOOT: {
    severity: 'warning',
    gives: 'it allows rebooting the host from a container that shares its PID namespace, and loading a new kernel (kexec_load) where seccomp is off',
  },
  SYS_TIME: { severity: 'warning', gives: "it allows setting the host's clock, which no namespace isolates" },
  SYSLOG: { severity: 'warning', gives: "it allows reading and clearing the host's kernel log" },
  MAC_ADMIN: { severity: 'warning', gives: "it allows changing the host's AppArmor, SELinux or Smack policy" },
  MAC_OVERRIDE: { severity: 'warning', gives: 'it allows overriding mandatory access control (Smack)' },
  AUDIT_CONTROL: { severity: 'warning', gives: "it allows changing or turning off the host's audit rules" },
};

/** A capability as Docker normalises it: upper case, without the `CAP_` prefix (`ALL` stays `ALL`). */
export function capabilityName(text: string): string {
  const upper = text.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

export const noDangerousCapabilities = defineRule({
  meta: {
    id: 'no-dangerous-capabilities',
    description:
      'Services should not add capabilities that reach past the container (`cap_add` of ALL, SYS_ADMIN, SYS_MODULE, SYS_RAWIO; warning for NET_ADMIN, SYS_PTRACE, BPF and others).',
    severity: 'error',
    recommended: true,
    category: 'security',
    oncePerPlace: true,
    peers: [
      'compose-lint CL-0024',
      'compose-lint CL-0011',
      'compose-lint CL-0027',
      'compose-lint CL-0028',
      'compose-lint CL-0029',
      'compose-lint CL-0030',
      'KICS',
    ],
    hasSuggestions: true,
    messages: {
      removeCapability: 'Remove {{capability}} from cap_add',
      dangerousCapability:
        'Service "{{service}}" adds {{capability}} (cap_add: {{written}}): {{gives}}; remove it, and add only the narrower capabilities the service needs.',
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      const added = get(service.node, 'cap_add');
      if (!isSeq(added)) continue;
      for (const node of added.items) {
        const text = str(node);
        if (text === undefined) continue;
        const name = capabilityName(text);
        // Docker refuses `CAP_ALL`: only `ALL` means every capability.
        if (name === 'ALL' && text.trim().toUpperCase() !== 'ALL') continue;
        const danger = Object.hasOwn(DANGEROUS_CAPABILITIES, name) ? DANGEROUS_CAPABILITIES[name] : undefined;
        if (!danger) continue;
        const what = name === 'ALL' ? 'every capability' : name;
        context.report({
          messageId: 'dangerousCapability',
          data: { service: service.name, capability: what, written: text, gives: danger.gives },
          at: node,
          service: service.name,
          severity: danger.severity,
          // A suggestion: the service may need what the capability gives (the message says to add narrower ones).
          suggest: suggestRemoval(removeItemFix(context.project, node), text),
        });
      }
    }
  },
});

function suggestRemoval(fix: Fix | undefined, capability: string): SuggestionDescriptor<'removeCapability'>[] | undefined {
  return fix ? [{ messageId: 'removeCapability', data: { capability }, fix }] : undefined;
}
