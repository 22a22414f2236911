/**
 * A code lens above each service: "reaches 3 · exposed :443" — how many services it reaches
 * directly and the ports Docker publishes for it (or "no egress" when it cannot get out).
 */
import type { CodeLens } from 'vscode-languageserver';
import { topologyOf, type Analysis, type SourceFile } from '@composure/core';
import { rangeOf } from '../convert.js';
import { projectIndex } from './names.js';
import { reachOf } from '../topology-facts.js';

/** The lens title of a service. */
export function lensTitle(analysis: Analysis, name: string): string {
  const topology = topologyOf(analysis.project, analysis.config.engine);
  const service = topology.services.get(name);
  if (!service) return analysis.project.disabledServices.has(name) ? 'not started with the active profiles' : 'not a service of this project';
  const parts = [`reaches ${reachOf(topology, name).reaches.length}`];
  const published = service.ingress.map(
    (p) =>
      `${p.hostIp ? (p.hostIp.includes(':') && !p.hostIp.startsWith('[') ? `[${p.hostIp}]` : p.hostIp) : ''}:${p.published}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`,
  );
  if (published.length > 0) parts.push(`exposed ${[...new Set(published)].join(', ')}`);
  if (!service.egress) parts.push('no egress');
  return parts.join(' · ');
}

/** One lens per service declared in the file. The command is empty: the lens is a label. */
export function codeLenses(file: SourceFile, analysis: Analysis | undefined): CodeLens[] {
  if (!analysis) return [];
  const declared = (projectIndex(analysis).byPath.get(file.path) ?? []).filter((o) => o.kind === 'service' && o.definition);
  return declared.map((o) => ({ range: rangeOf(file, o.start, o.end), command: { title: lensTitle(analysis, o.name), command: '' } }));
}
