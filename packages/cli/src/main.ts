import { timedAsync } from '@composure/core/phases';
import { ProjectError } from './failures.js';
import { TOOL } from './formatters/tool.js';
import { IOError, readAll, UsageError, write, type CliIO } from './io.js';
import { recordStart, reportPhases } from './phases.js';

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

interface Command {
  run(argv: string[], io: CliIO): Promise<number>;
  help: string;
}

/**
 * Each command's module, loaded when it runs (or its help is asked for): a lint never loads the
 * Docker Engine client (node:http), the diagram renderers or the other commands' help texts.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  lint: async () => import('./commands/lint.js').then((m) => ({ run: m.lintCommand, help: m.LINT_HELP })),
  reach: async () => import('./commands/reach.js').then((m) => ({ run: m.reachCommand, help: m.REACH_HELP })),
  graph: async () => import('./commands/graph.js').then((m) => ({ run: m.graphCommand, help: m.GRAPH_HELP })),
  diff: async () => import('./commands/diff.js').then((m) => ({ run: m.diffCommand, help: m.DIFF_HELP })),
  suggest: async () => import('./commands/suggest.js').then((m) => ({ run: m.suggestCommand, help: m.SUGGEST_HELP })),
  drift: async () => import('./commands/drift.js').then((m) => ({ run: m.driftCommand, help: m.DRIFT_HELP })),
  config: async () => import('./commands/config.js').then((m) => ({ run: m.configCommand, help: m.CONFIG_HELP })),
  rules: async () => import('./commands/rules.js').then((m) => ({ run: m.rulesCommand, help: m.RULES_HELP })),
  explain: async () => import('./commands/explain.js').then((m) => ({ run: m.explainCommand, help: m.EXPLAIN_HELP })),
  init: async () => import('./commands/init.js').then((m) => ({ run: m.initCommand, help: m.INIT_HELP })),
};

/** A command by name (own keys only: `composure constructor` is a path to lint, not Object.prototype.constructor). */
function commandNamed(name: string | undefined): (() => Promise<Command>) | undefined {
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

const load = (command: () => Promise<Command>) => timedAsync('module load', command);

/** Whether an error is the Docker Engine client's (drift, reach --live): checked only when one of those ran, so loaded. */
async function isEngineError(error: unknown): Promise<boolean> {
  const { EngineError } = await import('@composure/engine');
  return error instanceof EngineError;
}

/** Runs the CLI and returns the exit code; never throws, never prints a stack trace. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === '--version' || first === '-v') {
      await write(io.stdout, `${VERSION}\n`);
      return 0;
    }
    if (first === '--help' || first === '-h' || first === 'help') {
      const topic = commandNamed(rest[0]);
      await write(io.stdout, topic ? (await load(topic)).help : HELP);
      return 0;
    }
    // `composure [lint] [PATH...]`: lint is the default command.
    const command = commandNamed(first);
    return command ? await (await load(command)).run(rest, io) : await (await load(COMMANDS.lint)).run(argv, io);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      await write(io.stderr, `composure: ${(error as Error).message}\nRun composure --help for usage.\n`);
      return 2;
    }
    // A project or configuration that cannot be read (config, and any future command, land here);
    // no Docker Engine at DOCKER_HOST, or one that refused (drift, reach --live): one line naming where.
    if (error instanceof IOError || error instanceof ProjectError || (await isEngineError(error))) {
      await write(io.stderr, `composure: ${(error as Error).message}\n`);
      return 2;
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await write(io.stderr, `composure: internal error (${message}). Please report it.\n`);
    return 2;
  }
}

/** Runs the CLI on this process: its arguments, streams and environment; sets the exit code. */
export function runFromProcess(): void {
  recordStart();
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
    reportPhases();
  });
}
