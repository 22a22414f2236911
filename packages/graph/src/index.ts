export * from './drawing.js';
export { renderDot, dotString, shortImage, type DotOptions } from './dot.js';
export { renderMermaid, mermaidId, mermaidText } from './mermaid.js';
export { renderChangesMermaid, INTERNET, type ChangedEdge } from './changes-mermaid.js';
export { renderSvg, dotToSvg, DrawingTooLargeError, MAX_SVG_NODES } from './svg.js';
export { renderHtml, inlineSvg, type HtmlInput } from './html.js';
export { renderJson } from './json.js';
export { leafGroups, GROUP_MIN, type LeafGroup } from './layout.js';
