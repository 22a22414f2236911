import { maskProjectSecrets, toJS } from '@composure/core';
import { stringify } from 'yaml';
import { valueOf } from '../failures.js';
import { emit, UsageError, write, type CliIO } from '../io.js';
import { CONFIG_OPTIONS } from '../options/commands.js';
import { optionsHelp } from '../options/help.js';
import { parseCommandLine } from '../options/parse.js';
import { openProject, reportLoadProblems } from './targets.js';

export const CONFIG_HELP = `Usage: composure config [PATH] [options]

Print the project as Docker Compose resolves it (like \`docker compose config\`):
files merged, variables interpolated, extends and include applied, short syntax
in long form, defaults and the implicit default network added, services of
inactive profiles left out. Credentials in environment values, build args and
URLs are masked. Loading errors are printed to standard error (exit 1).

${optionsHelp(CONFIG_OPTIONS)}
`;

export async function configCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandLine(CONFIG_OPTIONS, argv, io.env);
  if (values.help) {
    await write(io.stdout, CONFIG_HELP);
    return 0;
  }
  const format = values.format ?? 'yaml';
  if (format !== 'yaml' && format !== 'json') throw new UsageError(`unknown format "${format}" (choose yaml or json)`);
  const { session, project: named } = await openProject('config', positionals, values, io);
  const project = valueOf(session.load(named));

  if (await reportLoadProblems(project, io)) return 1;

  // The project's name is the resolved one (-p, COMPOSE_PROJECT_NAME, then `name:`), as docker compose config prints it.
  const { name: _declared, ...tree } = toJS(project.root) as Record<string, unknown>;
  const model = maskProjectSecrets({ name: project.name, ...tree });
  const text = format === 'json' ? JSON.stringify(model, null, 2) + '\n' : stringify(model, { lineWidth: 0 });
  await emit(io, text, values.output);
  return 0;
}
