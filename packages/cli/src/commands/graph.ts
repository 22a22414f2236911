import { evaluatePolicies } from '@composure/core';
import { drawingOf, DrawingTooLargeError, renderDot, renderHtml, renderJson, renderMermaid, renderSvg } from '@composure/graph';
import { emit, UsageError, write, type CliIO } from '../io.js';
import { GRAPH_FORMATS, GRAPH_OPTIONS } from '../options/commands.js';
import { optionsHelp } from '../options/help.js';
import { parseCommandLine } from '../options/parse.js';
import { loadTopologyProject } from './targets.js';
import { projectTarget, workspaceTarget } from './topology-target.js';
import { loadTopologyWorkspace } from './workspace-targets.js';

type GraphFormat = (typeof GRAPH_FORMATS)[number];

export const GRAPH_HELP = `Usage: composure graph [PATH] [options]

Draw a Compose project's network topology: the internet and the host, services
(datastores as cylinders), networks (internal ones dashed and grey, external ones
doubled), published ports on the edges that bring traffic in, egress from
networks that are not internal, shared namespaces and host mode; in orange, the
routes services mean to reach (a proxy's upstreams, URLs in the environment, with
the port). Edges and ends of policy violations (x-composure or .composure.yaml
policies) are drawn in red.

Formats:
  mermaid   A Mermaid flowchart; GitHub renders it in a \`\`\`mermaid block (the default)
  dot       Graphviz DOT source, for \`dot -Tpng\` or your own styling
  svg       The diagram drawn in-process by Graphviz (WebAssembly): no Graphviz needed
  html      One self-contained page: the diagram, the reachability matrix, ingress,
            egress and policy violations; no script, nothing fetched
  json      The drawing as data: nodes and edges in a stable order

${optionsHelp(GRAPH_OPTIONS)}

Exit codes: 0 drawn, 1 the project has errors that stop analysis (printed to
standard error), 2 usage or I/O error.
`;

export async function graphCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandLine(GRAPH_OPTIONS, argv, io.env);
  if (values.help) {
    await write(io.stdout, GRAPH_HELP);
    return 0;
  }
  const format = (values.format ?? 'mermaid') as GraphFormat;
  if (!GRAPH_FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}" (choose from ${GRAPH_FORMATS.join(', ')})`);
  const loaded = values.workspace
    ? workspaceTarget(await loadTopologyWorkspace(positionals, values, io), io.cwd)
    : projectTarget(await loadTopologyProject('graph', positionals, values, io));
  if (!loaded) return 1;
  const { scope, config, topology } = loaded;
  const { violations } = evaluatePolicies(scope, topology, loaded.policies);
  const drawing = drawingOf(loaded.name, topology, { datastores: config.datastores, violations, engine: config.engine, intents: loaded.intents });
  let text: string;
  switch (format) {
    case 'mermaid':
      text = renderMermaid(drawing);
      break;
    case 'dot':
      text = renderDot(drawing);
      break;
    case 'json':
      text = renderJson(drawing);
      break;
    case 'svg':
      text = await svgOf(drawing, {});
      break;
    case 'html':
      text = renderHtml({ drawing, svg: await svgOf(drawing, { title: false }), topology });
      break;
  }
  await emit(io, text, values.output);
  return 0;
}

/** The SVG, or a usage error (exit 2) saying what to do instead when the drawing is too large to lay out. */
async function svgOf(drawing: Parameters<typeof renderSvg>[0], options: Parameters<typeof renderSvg>[1]): Promise<string> {
  try {
    return await renderSvg(drawing, options);
  } catch (error) {
    if (error instanceof DrawingTooLargeError) throw new UsageError(error.message);
    throw error;
  }
}
