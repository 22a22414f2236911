import { UsageError, type CliIO } from '../io.js';

export const REACH_HELP = `Usage: composure reach [PATH] [options]
`;

export async function reachCommand(_argv: string[], _io: CliIO): Promise<number> {
  throw new UsageError('reach is not implemented yet');
}
