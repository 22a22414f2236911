import type { Topology } from '@composure/core';
import { portLabel, type TopologyDrawing } from './drawing.js';

/**
 * One self-contained HTML page: the diagram (inline SVG), a legend, the policy
 * violations, the reachability matrix, and the ingress and egress lists. Inline CSS,
 * no script, nothing fetched: it opens from a CI artifact or an e-mail attachment
 * on a machine with no network.
 */

export interface HtmlInput {
  drawing: TopologyDrawing;
  /** The diagram as Graphviz drew it (renderSvg). */
  svg: string;
  topology: Topology;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The `<svg>` element alone (no XML declaration, doctype or comments), scaled to the page's width. */
export function inlineSvg(svg: string): string {
  const start = svg.indexOf('<svg');
  if (start < 0) return '';
  return svg
    .slice(start)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^<svg\b([^>]*)>/, (_m, attrs: string) => `<svg${attrs} role="img" aria-label="network topology diagram">`)
    .trim();
}

const CSS = `
:root { color-scheme: light; --ink: #0f172a; --muted: #475569; --line: #e2e8f0; --red: #dc2626; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
p.summary, p.note { color: var(--muted); margin: 4px 0 12px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 12px 0; color: var(--muted); font-size: 12px; }
.legend span { display: inline-flex; align-items: center; gap: 6px; }
.diagram { margin: 8px 0 0; padding: 12px; border: 1px solid var(--line); border-radius: 8px; overflow: auto; }
.diagram svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
table { border-collapse: collapse; font-size: 12px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
thead th { background: #f8fafc; }
.scroll { overflow: auto; max-height: 80vh; border: 1px solid var(--line); border-radius: 6px; }
.scroll table { border: 0; }
table.matrix th.col { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; padding: 6px 3px; font-weight: 600; position: sticky; top: 0; z-index: 1; }
table.matrix th.row { white-space: nowrap; position: sticky; left: 0; background: #f8fafc; z-index: 1; }
table.matrix thead th.corner { position: sticky; left: 0; top: 0; z-index: 2; font-weight: normal; color: var(--muted); }
table.matrix td { white-space: nowrap; color: #0c4a6e; background: #f0f9ff; }
table.matrix td.none { background: #fff; }
table.matrix td.self { background: #f1f5f9; }
table.matrix td.bad, li.bad { color: var(--red); font-weight: 600; }
table.matrix td.bad { background: #fef2f2; }
table.matrix td.intended { color: #c2410c; font-weight: 600; }
ul.violations { padding-left: 20px; }
ul.violations li { margin-bottom: 6px; }
ul.violations .why { color: var(--ink); font-weight: normal; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.tag { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 11px; background: #f1f5f9; color: var(--muted); }
.tag.open { background: #dbeafe; color: #1d4ed8; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
`;

/** Small pictures for the legend, drawn as the diagram draws them. */
const LEGEND: [string, string][] = [
  ['internet (the outside world)', '<ellipse cx="14" cy="9" rx="13" ry="8" fill="#dbeafe" stroke="#1d4ed8"/>'],
  ['service', '<rect x="1" y="2" width="26" height="14" rx="4" fill="#fff" stroke="#334155"/>'],
  ['datastore', '<path d="M3 4v10c0 3 22 3 22 0V4" fill="#fef3c7" stroke="#b45309"/><ellipse cx="14" cy="4" rx="11" ry="3" fill="#fef3c7" stroke="#b45309"/>'],
  ['network with egress', '<polygon points="5,2 23,2 27,9 23,16 5,16 1,9" fill="#e0f2fe" stroke="#0369a1"/>'],
  ['internal network (no egress)', '<polygon points="5,2 23,2 27,9 23,16 5,16 1,9" fill="#f3f4f6" stroke="#6b7280" stroke-dasharray="3,2"/>'],
  ['published port', '<path d="M1 9h22" stroke="#2563eb" stroke-width="1.5"/><path d="M21 5l6 4-6 4z" fill="#2563eb"/>'],
  ['egress', '<path d="M1 9h22" stroke="#16a34a" stroke-dasharray="4,2"/><path d="M21 5l6 4-6 4z" fill="#16a34a"/>'],
  [
    'intended route (proxy → upstream, with port)',
    '<path d="M1 9h20" stroke="#ea580c" stroke-width="2"/><path d="M19 4l8 5-8 5" fill="none" stroke="#ea580c" stroke-width="2"/>',
  ],
  ['policy violation', '<path d="M1 9h26" stroke="#dc2626" stroke-width="3"/>'],
];

function legend(): string {
  const items = LEGEND.map(
    ([text, shape]) => `<span><svg width="28" height="18" viewBox="0 0 28 18" aria-hidden="true">${shape}</svg>${escapeHtml(text)}</span>`,
  );
  return `<div class="legend">${items.join('')}</div>`;
}

function violationsSection(drawing: TopologyDrawing): string {
  if (drawing.violations.length === 0) return '<h2>Policy violations</h2>\n<p class="note">None.</p>';
  const items = drawing.violations.map(
    (v) => `<li class="bad"><code>${escapeHtml(v.path.join(' → '))}</code>${v.message ? `<br><span class="why">${escapeHtml(v.message)}</span>` : ''}</li>`,
  );
  return `<h2>Policy violations (${drawing.violations.length})</h2>\n<ul class="violations">\n${items.join('\n')}\n</ul>`;
}

/** Beyond this many services the matrix is left out (n² cells). */
const MAX_MATRIX = 150;

function matrixSection(topology: Topology, drawing: TopologyDrawing): string {
  const names = [...topology.services.keys()];
  if (names.length === 0) return '<h2>Reachability</h2>\n<p class="note">No services.</p>';
  if (names.length > MAX_MATRIX) {
    return `<h2>Reachability</h2>\n<p class="note">${names.length} services: a matrix of ${(names.length * names.length).toLocaleString('en-US')} cells would not be readable. <code>composure reach --format json</code> lists every direct reach, <code>--from A --to B</code> answers one pair.</p>`;
  }
  // Violations between two services (a path that ends on a service: an odd number of steps).
  const bad = new Map(drawing.violations.filter((v) => v.path.length % 2 === 1).map((v) => [`${v.from}\0${v.to}`, v]));
  const intended = new Set(drawing.edges.filter((e) => e.kind === 'intent').map((e) => `${e.from.slice(8)}\0${e.to.slice(8)}`));
  const head = `<tr><th class="corner">from ↓ to →</th>${names.map((n) => `<th class="col" scope="col">${escapeHtml(n)}</th>`).join('')}</tr>`;
  const rows = names.map((from) => {
    const cells = names.map((to) => {
      if (from === to) return '<td class="self"></td>';
      const reach = topology.reaches(from, to);
      const violation = bad.get(`${from}\0${to}`);
      const means = intended.has(`${from}\0${to}`);
      const cls = violation ? 'bad' : means ? 'intended' : reach ? '' : 'none';
      // A transitive violation has no direct reach: the cell names the path's pivots instead.
      const text = reach
        ? reach.via.join(', ')
        : means && !violation
          ? '✕'
          : violation
            ? `via ${violation.path
                .filter((_, i) => i % 2 === 0)
                .slice(1, -1)
                .join(', ')}`
            : '';
      const title =
        (reach
          ? `${from} → ${to} over ${reach.via.join(', ')}`
          : violation
            ? violation.path.join(' → ')
            : means
              ? `${from} means to reach ${to}, and cannot`
              : '') + (means && reach ? ' (intended)' : '');
      return `<td${cls ? ` class="${cls}"` : ''}${title ? ` title="${escapeHtml(title)}"` : ''}>${escapeHtml(text)}</td>`;
    });
    return `<tr><th class="row" scope="row">${escapeHtml(from)}</th>${cells.join('')}</tr>`;
  });
  const pairs = topology.reach.length;
  return [
    '<h2>Reachability</h2>',
    `<p class="note">A row's service can open connections to a column's service directly, over the networks named in the cell (<code>localhost</code>: a shared network namespace; <code>host</code>: through the host's network stack); orange where the row means to reach the column (an intent), ✕ where it means to and cannot. ${pairs} direct reach${pairs === 1 ? '' : 'es'}.</p>`,
    `<div class="scroll"><table class="matrix">\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table></div>`,
  ].join('\n');
}

function ingressSection(topology: Topology): string {
  if (topology.ingress.length === 0) return '<h2>Ingress</h2>\n<p class="note">No published port is reachable.</p>';
  const rows = topology.ingress.map(
    (p) =>
      `<tr><td>${escapeHtml(p.service)}</td><td><code>${escapeHtml(portLabel(p))}</code></td><td>${p.loopback ? '<span class="tag">this host only</span>' : '<span class="tag open">the network</span>'}</td></tr>`,
  );
  return [
    '<h2>Ingress</h2>',
    '<p class="note">Published ports that Docker binds (a service only on internal networks has none).</p>',
    `<table><thead><tr><th>service</th><th>host address:port → container port</th><th>reachable from</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>`,
  ].join('\n');
}

function egressSection(topology: Topology): string {
  const without = [...topology.services.keys()].filter((name) => !topology.egress.includes(name));
  const list = (names: string[]) => (names.length === 0 ? 'none' : names.map((n) => `<code>${escapeHtml(n)}</code>`).join(', '));
  return [
    '<h2>Egress</h2>',
    `<p>Can open connections to the internet (on a network that is not internal, or in host mode): ${list(topology.egress)}.</p>`,
    `<p>Cannot (internal networks only, or no network): ${list(without)}.</p>`,
  ].join('\n');
}

export function renderHtml({ drawing, svg, topology }: HtmlInput): string {
  const title = `${drawing.project}: network topology`;
  const services = topology.services.size;
  const networks = topology.networks.size;
  const internal = [...topology.networks.values()].filter((n) => n.internal).length;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="composure">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="summary">${services} service${services === 1 ? '' : 's'}, ${networks} network${networks === 1 ? '' : 's'} (${internal} internal), ${topology.ingress.length} published port${topology.ingress.length === 1 ? '' : 's'}, ${drawing.violations.length} policy violation${drawing.violations.length === 1 ? '' : 's'}.</p>
${legend()}
<div class="diagram">
${inlineSvg(svg)}
</div>
${violationsSection(drawing)}
${matrixSection(topology, drawing)}
${ingressSection(topology)}
${egressSection(topology)}
<footer>Drawn by composure graph.</footer>
</body>
</html>
`;
}
