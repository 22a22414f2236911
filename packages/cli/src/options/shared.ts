/** Options several commands take, declared once. */
import { option, type OptionGroup } from './spec.js';

/** Every command that loads a project takes docker compose's project options, with its defaults. */
export const PROJECT_OPTIONS = {
  title: 'Project options (as in docker compose)',
  options: [
    option({
      name: 'file',
      short: 'f',
      type: 'string',
      value: 'FILE',
      repeatable: true,
      help: 'A compose file; repeat to merge files in order; - reads standard input',
      docs: 'Files merge as with `docker compose -f a.yaml -f b.yaml`.',
    }),
    option({
      name: 'project-name',
      short: 'p',
      type: 'string',
      value: 'NAME',
      help: 'Project name',
      default: 'COMPOSE_PROJECT_NAME, the top-level name:, the directory',
    }),
    option({
      name: 'project-directory',
      type: 'string',
      value: 'DIR',
      help: 'Project directory',
      default: 'the directory of the first compose file',
      docs: '`.env` is read from it.',
    }),
    option({
      name: 'profile',
      type: 'string',
      value: 'NAME',
      repeatable: true,
      help: 'Enable a profile',
      default: 'COMPOSE_PROFILES',
      docs: '`*` enables all. Services of inactive profiles are left out, as Compose leaves them out.',
    }),
    option({
      name: 'env-file',
      type: 'string',
      value: 'FILE',
      repeatable: true,
      help: 'Read variables from FILE instead of .env',
      docs: 'Later files win; the process environment wins over env files.',
    }),
    option({ name: 'stdin-filename', type: 'string', value: 'NAME', help: 'The file name to report standard input under (with - or -f -)' }),
  ],
} as const satisfies OptionGroup;

/** -c: one description for every command that reads the configuration (lint, reach, graph). */
export const CONFIG_OPTION = option({
  name: 'config',
  short: 'c',
  type: 'string',
  value: 'FILE',
  env: 'COMPOSURE_CONFIG',
  help: 'Configuration file',
  default: 'COMPOSURE_CONFIG, or the nearest .composure.yaml',
  docs: 'See [Configuration](configuration.md).',
});

/** --engine-version: the commands that model the topology (lint, reach, graph). */
export const ENGINE_VERSION_OPTION = option({
  name: 'engine-version',
  type: 'string',
  value: 'VERSION',
  env: 'COMPOSURE_ENGINE_VERSION',
  help: 'The Docker Engine version whose networking to follow (e.g. 27, 28.1)',
  default: "COMPOSURE_ENGINE_VERSION, the configuration's engine:, the current stable Docker Engine",
  docs: 'Where versions differ (published ports on loopback, gateway modes, direct routing): see [Engine versions](engine-versions.md).',
});

/** -o: commands say what they write. */
export function outputOption(help: string) {
  return option({ name: 'output', short: 'o', type: 'string', value: 'FILE', help });
}

/** --format: each command has its own formats. */
export function formatOption(help: string, more: { default?: string; env?: string; docs?: string } = {}) {
  return option({ name: 'format', type: 'string', value: 'FORMAT', help, ...more });
}

export const COLOR_OPTION = option({
  name: 'color',
  type: 'boolean',
  negatable: true,
  help: 'Force colour on or off',
  default: 'on for a terminal, off with NO_COLOR',
});

export const HELP_OPTION = option({ name: 'help', short: 'h', type: 'boolean', help: 'Show this help' });

/** reach --live: the engine's wiring instead of the files'. */
export const LIVE_OPTION = option({
  name: 'live',
  type: 'boolean',
  help: 'Analyse what runs on the Docker Engine (DOCKER_HOST) instead of the files',
  docs: "The project is found by its name (-p, or the files'); see [reach --live](#composure-reach---live).",
});

/** --workspace: lint, reach and graph analyse several projects as one Docker host. */
export const WORKSPACE_OPTION = option({
  name: 'workspace',
  type: 'boolean',
  help: "Analyse the PATHs (else the configuration's workspace:) as the projects\nof one Docker host",
  docs: 'External networks join the project that creates them, services are named `PROJECT/SERVICE`, and cross-project rules run; see [Workspaces](configuration.md#workspaces).',
});

/** --daemon-config: the daemon's address pools, for no-subnet-overlap. */
export const DAEMON_CONFIG_OPTION = option({
  name: 'daemon-config',
  type: 'string',
  value: 'FILE',
  help: "The Docker daemon's daemon.json, whose default-address-pools subnets must avoid",
  default: "the configuration's daemon:",
  docs: 'See [Address ranges](configuration.md#address-ranges-avoid-and-daemon).',
});
