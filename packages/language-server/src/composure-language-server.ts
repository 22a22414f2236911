/**
 * `composure-language-server --stdio` (or `--node-ipc`, `--socket=PORT`): composure's
 * diagnostics, quick fixes, hovers, completion, navigation and topology for any LSP client.
 */
import { COMPOSURE_VERSION } from '@composure/core';
import { startServer } from './server.js';

const USAGE = `Usage: composure-language-server --stdio | --node-ipc | --socket=PORT

composure's language server for Docker Compose files (the Language Server Protocol).
Editors start it; see docs/editors.md in the composure repository.
`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
} else if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${COMPOSURE_VERSION}\n`);
} else if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
  process.stderr.write(`composure-language-server: give a transport (--stdio, --node-ipc, --socket=PORT)\n\n${USAGE}`);
  process.exitCode = 2;
} else {
  startServer();
}
