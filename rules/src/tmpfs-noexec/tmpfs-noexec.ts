import { defineRule, get, isScalar, isSeq, isUninterpolated, joinWords, services, type Loc, type Node } from '@composure/core/rule-kit';
import { literalText } from '../volumes.js';

/** The flags Docker sets on every tmpfs, and the options that turn each back off. */
const FLAGS: readonly { off: string; on: string; risk: string }[] = [
  { off: 'noexec', on: 'exec', risk: 'programs written there can run' },
  { off: 'nosuid', on: 'suid', risk: 'setuid binaries written there raise privileges' },
  { off: 'nodev', on: 'dev', risk: 'device nodes created there give access to host devices' },
];

interface Option {
  text: string;
  /** Offset of the option in the entry's text. */
  offset: number;
}

/** The options of a `path[:options]` entry, with their offsets. */
function optionsOf(entry: string): Option[] {
  const colon = entry.indexOf(':');
  if (colon === -1) return [];
  const options: Option[] = [];
  let offset = colon + 1;
  for (const text of entry.slice(colon + 1).split(',')) {
    const lead = text.length - text.trimStart().length;
    options.push({ text: text.trim(), offset: offset + lead });
    offset += text.length + 1;
  }
  return options;
}

export const tmpfsNoexec = defineRule({
  meta: {
    id: 'tmpfs-noexec',
    description: 'A `tmpfs` entry should not re-enable `exec`, `suid` or `dev`, which Docker turns off on every tmpfs.',
    severity: 'info',
    category: 'security',
    oncePerPlace: true,
    peers: ['compose-lint CL-0022'],
    messages: {
      optionsReenabled:
        'Service "{{service}}" mounts tmpfs "{{path}}" with {{options}}, which Docker turns off by default: {{risks}}; remove {{them}} unless the service needs {{them}}.',
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      // Canonical form: a list of `path[:options]` strings (a single string became a one-item list).
      const tmpfs = get(service.node, 'tmpfs');
      if (!isSeq(tmpfs)) continue;
      for (const item of tmpfs.items) {
        if (!isScalar(item) || typeof item.value !== 'string' || isUninterpolated(item.value)) continue;
        const entry = item.value;
        const options = optionsOf(entry);
        // Docker appends the options to noexec,nosuid,nodev and the last of each pair wins.
        const enabled: { flag: (typeof FLAGS)[number]; option: Option }[] = [];
        for (const flag of FLAGS) {
          const last = options.filter((o) => o.text === flag.on || o.text === flag.off).pop();
          if (last?.text === flag.on) enabled.push({ flag, option: last });
        }
        if (enabled.length === 0) continue;
        // One option re-enabled: point at it when the entry is written literally; otherwise at the entry.
        let at: Node | Loc = item;
        const literal = enabled.length === 1 ? literalText(context.project, item) : undefined;
        if (literal && literal.text === entry) {
          const { offset, text } = enabled[0].option;
          at = { file: literal.file, start: literal.start + offset, end: literal.start + offset + text.length };
        }
        const path = entry.slice(0, entry.indexOf(':'));
        const names = enabled.map((e) => e.flag.on);
        const risks = enabled.map((e) => e.flag.risk);
        context.report({
          messageId: 'optionsReenabled',
          data: { service: service.name, path, options: joinWords(names), risks: joinWords(risks), them: names.length === 1 ? 'it' : 'them' },
          at,
          service: service.name,
        });
      }
    }
  },
});
