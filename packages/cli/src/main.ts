import { CONFIG_HELP, configCommand } from './commands/config.js';
import { LINT_HELP, lintCommand } from './commands/lint.js';
import { rulesCommand } from './commands/rules.js';
import { UsageError, write, type CliIO } from './io.js';

export const VERSION = '0.1.0';

const HELP = `Usage: composure <command> [options]

Lint Docker Compose projects and analyse their network topology.

Commands:
  lint [PATH...]     Lint compose projects (the default command)
  config [PATH]      Print the resolved project, like docker compose config
  rules              List the rules

Run composure <command> --help for a command's options.
  -v, --version      Print the version
  -h, --help         Show this help
`;

const COMMANDS: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  lint: lintCommand,
  config: configCommand,
  rules: rulesCommand,
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
      await write(io.stdout, topic === 'lint' ? LINT_HELP : topic === 'config' ? CONFIG_HELP : HELP);
      return 0;
    }
    const command = first !== undefined ? COMMANDS[first] : undefined;
    // `composure [lint] [PATH...]`: lint is the default command.
    return command ? await command(rest, io) : await lintCommand(argv, io);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      await write(io.stderr, `composure: ${(error as Error).message}\nRun composure --help for usage.\n`);
      return 2;
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await write(io.stderr, `composure: internal error (${message}). Please report it.\n`);
    return 2;
  }
}
