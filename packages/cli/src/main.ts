import { EngineError } from '@composure/engine';
import { CONFIG_HELP, configCommand } from './commands/config.js';
import { DIFF_HELP, diffCommand } from './commands/diff.js';
import { DRIFT_HELP, driftCommand } from './commands/drift.js';
import { EXPLAIN_HELP, explainCommand } from './commands/explain.js';
import { GRAPH_HELP, graphCommand } from './commands/graph.js';
import { INIT_HELP, initCommand } from './commands/init.js';
import { LINT_HELP, lintCommand } from './commands/lint.js';
import { REACH_HELP, reachCommand } from './commands/reach.js';
import { RULES_HELP, rulesCommand } from './commands/rules.js';
import { SUGGEST_HELP, suggestCommand } from './commands/suggest.js';
import { ProjectError } from './failures.js';
import { TOOL } from './formatters/tool.js';
import { IOError, readAll, UsageError, write, type CliIO } from './io.js';

/** One version for `--version` and the reports: the packages' version (test/packaging/packages.test.ts). */
export const VERSION = TOOL.version;

const HELP = `Usage: composure <command> [options]

Lint Docker Compose projects and analyse their network topology.

Commands:
  lint [PATH...]     Lint compose projects (the default command)
  reach [PATH]       Who reaches whom: matrix, ingress, egress, paths (--from A --to B)
  graph [PATH]       Draw the topology: mermaid, dot, svg, html or json
  diff BASE [HEAD]   What a change does to the network (git revisions or directories)
  suggest [PATH]     Propose least privilege: a zero-trust policy and a network split
  drift [PATH]       Compare the running project (Docker Engine) with its files
  config [PATH]      Print the resolved project, like docker compose config
  rules              List the rules
  explain RULE       Print a rule's doc page
  init [PATH]        Write a .composure.yaml that baselines today's findings

Options:
  -v, --version      Print the version
  -h, --help         Show this help

Run composure <command> --help (or composure help <command>) for a command's options.
`;

const HELP_TOPICS: Record<string, string> = {
  lint: LINT_HELP,
  reach: REACH_HELP,
  graph: GRAPH_HELP,
  diff: DIFF_HELP,
  suggest: SUGGEST_HELP,
  drift: DRIFT_HELP,
  config: CONFIG_HELP,
  rules: RULES_HELP,
  explain: EXPLAIN_HELP,
  init: INIT_HELP,
};

const COMMANDS: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  lint: lintCommand,
  reach: reachCommand,
  graph: graphCommand,
  diff: diffCommand,
  suggest: suggestCommand,
  drift: driftCommand,
  config: configCommand,
  rules: rulesCommand,
  explain: explainCommand,
  init: initCommand,
};

/** Runs the CLI and returns the exit code; never throws, never prints a stack trace. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === '--version' || first === '-v') {
      await write(io.stdout, `${VERSION}\n`);
      return 0;
    }
    if (first === '--help' || first === '-h' || first === 'help') {
      const topic = rest[0];
      await write(io.stdout, topic !== undefined && Object.hasOwn(HELP_TOPICS, topic) ? HELP_TOPICS[topic] : HELP);
      return 0;
    }
    // Own keys only: `composure constructor` is a path to lint, not Object.prototype.constructor.
    const command = first !== undefined && Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    // `composure [lint] [PATH...]`: lint is the default command.
    return command ? await command(rest, io) : await lintCommand(argv, io);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      await write(io.stderr, `composure: ${(error as Error).message}\nRun composure --help for usage.\n`);
      return 2;
    }
    // A project or configuration that cannot be read (config, and any future command, land here);
    // no Docker Engine at DOCKER_HOST, or one that refused (drift, reach --live): one line naming where.
    if (error instanceof IOError || error instanceof ProjectError || error instanceof EngineError) {
      await write(io.stderr, `composure: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await write(io.stderr, `composure: internal error (${message}). Please report it.\n`);
    return 2;
  }
}

/** Runs the CLI on this process: its arguments, streams and environment; sets the exit code. */
export function runFromProcess(): void {
  const io: CliIO = {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: () => readAll(process.stdin),
    env: process.env,
    cwd: process.cwd(),
  };
  // A closed pipe (composure lint | head) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
