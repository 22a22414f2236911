/**
 * The `composure/topology` request: the self-contained HTML page `composure graph --format html`
 * writes, for the project a document belongs to (unsaved buffers included).
 */
import { evaluatePolicies, policiesFor, topologyOf, type Analysis } from '@composure/core';
import { drawTopology, renderHtml, renderSvg } from '@composure/graph';
import type { TopologyResult } from '../protocol.js';

export async function topologyPage(analysis: Analysis | undefined): Promise<TopologyResult | null> {
  if (!analysis) return null;
  const { project, config } = analysis;
  const topology = topologyOf(project, config.engine);
  const { violations } = evaluatePolicies(project, topology, policiesFor(config.policies, 'project'));
  const drawing = drawTopology(project, { datastores: config.datastores, violations, engine: config.engine });
  const svg = await renderSvg(drawing, { title: false });
  return { html: renderHtml({ drawing, svg, topology }), title: `${project.name}: network topology` };
}
