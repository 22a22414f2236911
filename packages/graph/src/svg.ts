import { renderDot, type DotOptions } from './dot.js';
import type { TopologyDrawing } from './drawing.js';

/**
 * SVG rendered in-process by Graphviz compiled to WebAssembly (@viz-js/viz): no system
 * Graphviz needed. The renderer (~1.5 MB) is imported on first use only, so commands
 * that never draw (lint, reach) never load it.
 */

type Viz = Awaited<ReturnType<typeof import('@viz-js/viz').instance>>;
let viz: Promise<Viz> | undefined;

async function graphviz(): Promise<Viz> {
  viz ??= import('@viz-js/viz').then((module) => module.instance());
  return viz;
}

/** Renders DOT text to an SVG document; throws when Graphviz rejects it. */
export async function dotToSvg(dot: string): Promise<string> {
  const renderer = await graphviz();
  const result = renderer.render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    const errors = result.errors.filter((e) => e.level !== 'warning').map((e) => e.message.trim());
    throw new Error(`Graphviz could not draw the graph: ${errors.join('; ') || 'unknown error'}`);
  }
  return result.output;
}

/**
 * Beyond this many nodes Graphviz's `dot` layout takes minutes in WebAssembly (3,000 services
 * take ~20 s): a drawing that large is refused with a way out rather than left to hang.
 */
export const MAX_SVG_NODES = 3_500;

/** A drawing too large to lay out in-process. */
export class DrawingTooLargeError extends Error {
  constructor(readonly nodes: number) {
    super(
      `the diagram has ${nodes.toLocaleString('en-US')} nodes, more than the ${MAX_SVG_NODES.toLocaleString('en-US')} composure lays out in-process; use --format dot and Graphviz's sfdp (\`sfdp -Tsvg\`), or --format mermaid or json`,
    );
    this.name = 'DrawingTooLargeError';
  }
}

/** The drawing as an SVG document. */
export function renderSvg(drawing: TopologyDrawing, options: DotOptions = {}): Promise<string> {
  if (drawing.nodes.length > MAX_SVG_NODES) return Promise.reject(new DrawingTooLargeError(drawing.nodes.length));
  return dotToSvg(renderDot(drawing, options));
}
