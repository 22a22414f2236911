import { get, isSeq, str, type Node } from '../source/node.js';

/**
 * The `--name=value` and `--name value` flags of a service's `command` (a list, or a string split
 * at spaces as a shell would, quotes removed), by lower-cased name: Traefik's and Prometheus's
 * settings. A flag given alone (`--providers.docker`) has the value "true".
 */
export function commandFlags(service: Node): Map<string, { value: string; node: Node }> {
  const command = get(service, 'command');
  const words: { text: string; node: Node }[] = isSeq(command)
    ? command.items.flatMap((item) => (str(item) === undefined ? [] : [{ text: str(item)!, node: item }]))
    : command && str(command) !== undefined
      ? (str(command)!.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((word) => ({ text: word.replace(/^(["'])(.*)\1$/, '$2'), node: command }))
      : [];
  const flags = new Map<string, { value: string; node: Node }>();
  words.forEach((word, i) => {
    const m = /^--?([A-Za-z][\w.-]*)(?:=(.*))?$/.exec(word.text);
    if (!m) return;
    const next = words[i + 1];
    const value = m[2] ?? (next && !next.text.startsWith('-') ? next.text : 'true');
    flags.set(m[1].toLowerCase(), { value, node: word.node });
  });
  return flags;
}
