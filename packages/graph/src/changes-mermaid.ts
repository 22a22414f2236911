import { MERMAID_CLASSES, mermaidId, mermaidText } from './mermaid.js';
import { serviceId } from './drawing.js';

/**
 * The edges a change adds or removes, as a Mermaid `flowchart LR` for a pull-request comment
 * (`composure diff --format markdown`): services (datastores as cylinders), the internet for
 * published ports; added edges solid green, removed ones dotted red. Ids and labels are made as
 * the topology chart makes them (mermaidId, mermaidText).
 */

/** The outside world, where published ports are reached from (no service is named so: names have no colon). */
export const INTERNET = ':internet';

export interface ChangedEdge {
  /** A service name, or INTERNET for a published port. */
  from: string;
  to: string;
  change: 'added' | 'removed';
  /** Both directions: drawn with two arrowheads. */
  both: boolean;
  /** Lines of text on the edge (networks, the port). */
  label: string[];
}

const ADDED = 'stroke:#16a34a,stroke-width:2px,color:#15803d';
const REMOVED = 'stroke:#dc2626,stroke-width:2px,stroke-dasharray:5 5,color:#b91c1c';

const nodeId = (name: string) => (name === INTERNET ? 'internet' : mermaidId(serviceId(name)));

export function renderChangesMermaid(edges: readonly ChangedEdge[], datastores: ReadonlySet<string>): string {
  const out = ['flowchart LR'];
  const names = [...new Set(edges.flatMap((e) => [e.from, e.to]))];
  for (const name of names) {
    const text = `"${mermaidText(name === INTERNET ? 'internet' : name)}"`;
    if (name === INTERNET) out.push(`  internet((${text}))`);
    else out.push(`  ${nodeId(name)}${datastores.has(name) ? `[(${text})]` : `[${text}]`}`);
  }
  const indexes = { added: [] as number[], removed: [] as number[] };
  edges.forEach((e, i) => {
    const line = e.change === 'added' ? '-->' : '-.->';
    const arrow = e.both ? `<${line}` : line;
    const label = e.label.length > 0 ? `|"${e.label.map(mermaidText).join('<br>')}"|` : '';
    out.push(`  ${nodeId(e.from)} ${arrow}${label} ${nodeId(e.to)}`);
    indexes[e.change].push(i);
  });
  if (indexes.added.length > 0) out.push(`  linkStyle ${indexes.added.join(',')} ${ADDED}`);
  if (indexes.removed.length > 0) out.push(`  linkStyle ${indexes.removed.join(',')} ${REMOVED}`);
  const stores = names.filter((n) => datastores.has(n));
  if (stores.length > 0) out.push(`  classDef datastore ${MERMAID_CLASSES.datastore}`, `  class ${stores.map(nodeId).join(',')} datastore`);
  return out.join('\n') + '\n';
}
