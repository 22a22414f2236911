import {
  defineRule,
  getPair,
  isSeq,
  str,
  services,
  yamlEditorFor,
  type Fix,
  type Node,
  type TextEdit,
  type Pair,
  type Project,
  type ReportMessage,
} from '@composure/core/rule-kit';
import { isScalar as isScalarNode, isSeq as isSeqNode } from 'yaml';

/** Go's strconv.ParseBool, which Docker applies to `no-new-privileges:VALUE`. */
function parseBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'True', 'TRUE'].includes(text)) return true;
  if (['0', 'f', 'F', 'false', 'False', 'FALSE'].includes(text)) return false;
  return undefined;
}

/**
 * What a `security_opt` entry says about no-new-privileges, read as Docker Compose and the daemon
 * read it: `no-new-privileges` alone is on; `no-new-privileges=V` or the older `no-new-privileges:V`
 * sets it to the boolean V. Undefined for entries about something else.
 */
export function noNewPrivilegesOf(entry: string): { value: boolean | undefined; text: string } | undefined {
  if (entry === 'no-new-privileges') return { value: true, text: '' };
  const separator = entry.includes('=') ? '=' : entry.includes(':') ? ':' : undefined;
  if (!separator) return undefined;
  const at = entry.indexOf(separator);
  if (entry.slice(0, at) !== 'no-new-privileges') return undefined;
  const text = entry.slice(at + 1);
  return { value: parseBool(text), text };
}

export const requireNoNewPrivileges = defineRule({
  meta: {
    id: 'require-no-new-privileges',
    description: 'Services should set `no-new-privileges:true` in `security_opt`, so their processes cannot gain privileges through setuid binaries.',
    severity: 'warning',
    fixable: true,
    category: 'security',
    oncePerPlace: true,
    peers: ['KICS', 'compose-lint CL-0003', 'semgrep'],
    messages: {
      turnedOff:
        'Service "{{service}}" turns no-new-privileges off ("{{entry}}"): its processes can gain privileges through setuid and file-capability binaries; set it to "no-new-privileges:true".',
      notBoolean:
        'Service "{{service}}" sets no-new-privileges to a value Docker does not read as a boolean ("{{entry}}"), so the container cannot be created; write "no-new-privileges:true".',
      missing:
        'Service "{{service}}" can gain privileges through setuid and file-capability binaries: {{where}} "no-new-privileges:true"; add it (an image whose entrypoint switches user with gosu or su-exec must start as that user instead).',
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      const pair: Pair | undefined = getPair(service.node, 'security_opt');
      // The last entry about no-new-privileges wins, as Docker applies them in order.
      let last: { node: Node; entry: string; value: boolean | undefined } | undefined;
      // Whether an entry before the last one already turns it on: the fix then removes the last.
      let onBefore = false;
      if (isSeq(pair?.value)) {
        for (const node of pair.value.items) {
          const entry = str(node);
          const setting = entry === undefined ? undefined : noNewPrivilegesOf(entry);
          if (entry === undefined || !setting) continue;
          if (last?.value === true) onBefore = true;
          last = { node, entry, value: setting.value };
        }
      }
      if (last?.value === true) continue;
      const at = last?.node ?? pair ?? service.pair;
      const said: ReportMessage<'turnedOff' | 'notBoolean' | 'missing'> = last
        ? { messageId: last.value === false ? 'turnedOff' : 'notBoolean', data: { service: service.name, entry: last.entry } }
        : { messageId: 'missing', data: { service: service.name, where: pair ? 'its security_opt lacks' : 'it does not set' } };
      context.report({
        ...said,
        at,
        service: service.name,
        fix: noNewPrivilegesFix(context.project, last && { node: last.node, onBefore }, pair, service.pair),
      });
    }
  },
});

const SETTING = 'no-new-privileges:true';

/**
 * `no-new-privileges:true` written where the finding points: the entry that turns it off
 * replaced (removed, when an entry before it already turns it on: `security_opt` items must
 * be unique), appended to the service's `security_opt`, or a `security_opt` added to the
 * service. None when the place is shared through an anchor or built from a variable.
 */
function noNewPrivilegesFix(
  project: Project,
  entry: { node: Node; onBefore: boolean } | undefined,
  securityOpt: Pair | undefined,
  servicePair: Pair,
): Fix | undefined {
  const target = entry?.node.loc ?? securityOpt?.value.loc ?? servicePair.key.loc;
  if (!target) return undefined;
  const editor = yamlEditorFor(project, target.file);
  if (!editor || project.files.get(target.file)?.text.slice(target.start, target.end).includes('$')) return undefined;
  let edits;
  if (entry) {
    const written = editor.nodeAt(target);
    const seq = written && editor.parentOf(written)?.collection;
    if (entry.onBefore) return asFix(seq && isSeqNode(seq) && !editor.isShared(seq) ? editor.removeItem(seq, written) : undefined);
    // In the entry's own spelling: `no-new-privileges=0` becomes `no-new-privileges=true`.
    const separator = typeof written?.toJSON() === 'string' && String(written.toJSON()).startsWith('no-new-privileges=') ? '=' : ':';
    if (written && isScalarNode(written) && !editor.isShared(written)) edits = editor.replaceScalar(written, `no-new-privileges${separator}true`);
  } else if (securityOpt) {
    const written = editor.nodeAt(target);
    if (written && isSeqNode(written) && !editor.isShared(written)) edits = editor.appendItem(written, SETTING);
  } else {
    const written = editor.pairAt(target);
    if (written && !editor.isShared(written.pair) && !editor.isShared(written.pair.value)) edits = editor.setEntry(written.pair, 'security_opt', [SETTING]);
  }
  return asFix(edits);
}

function asFix(edits: TextEdit[] | undefined): Fix | undefined {
  return edits && edits.length > 0 ? { edits } : undefined;
}
