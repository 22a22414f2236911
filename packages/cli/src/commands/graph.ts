import { UsageError, type CliIO } from '../io.js';

export const GRAPH_HELP = `Usage: composure graph [PATH] [options]
`;

export async function graphCommand(_argv: string[], _io: CliIO): Promise<number> {
  throw new UsageError('graph is not implemented yet');
}
