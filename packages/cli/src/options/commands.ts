/** The options of each command: what it parses, what its --help lists and what docs/cli.md tables. */
import { DEFAULT_FAIL_ON, FAIL_ON_KINDS } from '../diff/fail-on.js';
import { formatters } from '../formatters/index.js';
import {
  COLOR_OPTION,
  CONFIG_OPTION,
  DAEMON_CONFIG_OPTION,
  ENGINE_VERSION_OPTION,
  formatOption,
  HELP_OPTION,
  LIVE_OPTION,
  outputOption,
  PROJECT_OPTIONS,
  WORKSPACE_OPTION,
} from './shared.js';
import { commandOptions, option } from './spec.js';

/** What `graph --format` draws, in the order its help lists them. */
export const GRAPH_FORMATS = ['mermaid', 'dot', 'svg', 'html', 'json'] as const;

const WRITE_TO_FILE = 'Write to FILE instead of standard output';

export const LINT_OPTIONS = commandOptions({
  positionals: true,
  groups: [
    PROJECT_OPTIONS,
    {
      title: 'Lint options',
      options: [
        CONFIG_OPTION,
        WORKSPACE_OPTION,
        DAEMON_CONFIG_OPTION,
        ENGINE_VERSION_OPTION,
        formatOption(`Report format: ${Object.keys(formatters).join(', ')}`, {
          default: 'COMPOSURE_FORMAT or stylish',
          env: 'COMPOSURE_FORMAT',
          docs: 'See [Output formats](formats.md).',
        }),
        outputOption('Write the report to FILE instead of standard output'),
        option({
          name: 'rule',
          type: 'string',
          value: 'RULE=SEVERITY',
          repeatable: true,
          help: "Set a rule's severity (error, warning, info, off)",
          docs: 'Wins over every configuration.',
        }),
        option({
          name: 'max-warnings',
          type: 'string',
          value: 'N',
          help: 'Exit with 1 when there are more than N warnings',
          docs: 'It applies whatever `--failure-threshold` says.',
        }),
        option({
          name: 'failure-threshold',
          type: 'string',
          value: 'LEVEL',
          help: 'Exit with 1 when a finding is at or above LEVEL: error (default),\nwarning, info, or none (findings never fail the run)',
          docs: 'Named after the option of hadolint.',
        }),
        option({
          name: 'quiet',
          type: 'boolean',
          help: 'Report errors only (the exit code still counts every finding)',
          docs: '`--failure-threshold warning --quiet` fails on warnings it does not print.',
        }),
        COLOR_OPTION,
        option({
          name: 'fix',
          type: 'boolean',
          help: 'Fix what the rules can fix, write the files, then report what remains',
          docs: 'See [Autofix](#autofix).',
        }),
        option({ name: 'fix-dry-run', type: 'boolean', help: 'Print the fixes as a unified diff instead of writing them (no report)' }),
        HELP_OPTION,
      ],
    },
  ],
});

export const REACH_OPTIONS = commandOptions({
  positionals: true,
  groups: [
    PROJECT_OPTIONS,
    {
      title: 'Reach options',
      options: [
        option({ name: 'from', type: 'string', value: 'SERVICE', help: 'The service a connection starts from (with --to)' }),
        option({ name: 'to', type: 'string', value: 'SERVICE', help: 'The service it goes to (with --from)' }),
        formatOption('text (default) or json', { docs: 'See [Output formats](formats.md#reach-json).' }),
        outputOption(WRITE_TO_FILE),
        CONFIG_OPTION,
        WORKSPACE_OPTION,
        ENGINE_VERSION_OPTION,
        COLOR_OPTION,
        LIVE_OPTION,
        HELP_OPTION,
      ],
    },
  ],
});

/** What `drift --format` prints: its own text and JSON, and the lint formats that carry findings to CI. */
export const DRIFT_FORMATS = ['text', 'json', 'sarif', 'github', 'junit', 'checkstyle', 'codeclimate', 'compact'] as const;

export const DRIFT_OPTIONS = commandOptions({
  positionals: true,
  groups: [
    PROJECT_OPTIONS,
    {
      title: 'Drift options',
      options: [
        formatOption(`${DRIFT_FORMATS.join(', ')}`, { default: 'text', docs: 'See [below](#drift-output).' }),
        outputOption(WRITE_TO_FILE),
        COLOR_OPTION,
        HELP_OPTION,
      ],
    },
  ],
});

/** What `diff --format` prints. */
export const DIFF_FORMATS = ['text', 'json', 'markdown', 'sarif', 'github'] as const;

export const DIFF_OPTIONS = commandOptions({
  positionals: true,
  groups: [
    PROJECT_OPTIONS,
    {
      title: 'Diff options',
      options: [
        formatOption(DIFF_FORMATS.join(', '), { default: 'text', docs: 'See [Output formats](formats.md#composure-diff).' }),
        outputOption(WRITE_TO_FILE),
        option({
          name: 'fail-on',
          type: 'string',
          value: 'KINDS',
          repeatable: true,
          help: `Exit with 1 when the change adds one of these (comma-separated):\n${Object.keys(FAIL_ON_KINDS).join(', ')}, or none`,
          default: DEFAULT_FAIL_ON.join(','),
          docs: 'See [what each kind counts](#composure-diff).',
        }),
        CONFIG_OPTION,
        WORKSPACE_OPTION,
        ENGINE_VERSION_OPTION,
        COLOR_OPTION,
        HELP_OPTION,
      ],
    },
  ],
});

export const GRAPH_OPTIONS = commandOptions({
  positionals: true,
  groups: [
    PROJECT_OPTIONS,
    {
      title: 'Graph options',
      options: [
        formatOption(GRAPH_FORMATS.join(', '), { default: 'mermaid', docs: 'See [Output formats](formats.md#composure-graph).' }),
        outputOption(WRITE_TO_FILE),
        CONFIG_OPTION,
        WORKSPACE_OPTION,
        ENGINE_VERSION_OPTION,
        HELP_OPTION,
      ],
    },
  ],
});

export const SUGGEST_OPTIONS = commandOptions({
  positionals: true,
  groups: [
    PROJECT_OPTIONS,
    {
      title: 'Suggest options',
      options: [
        option({
          name: 'write',
          type: 'boolean',
          help: 'Apply the network split to the compose files instead of printing it as a diff',
          docs: 'The policy is printed either way: `.composure.yaml` is yours to edit.',
        }),
        outputOption(WRITE_TO_FILE),
        CONFIG_OPTION,
        ENGINE_VERSION_OPTION,
        HELP_OPTION,
      ],
    },
  ],
});

export const CONFIG_OPTIONS = commandOptions({
  positionals: true,
  groups: [PROJECT_OPTIONS, { title: 'Config options', options: [formatOption('yaml (default) or json'), outputOption(WRITE_TO_FILE), HELP_OPTION] }],
});

export const INIT_OPTIONS = commandOptions({
  positionals: true,
  groups: [
    PROJECT_OPTIONS,
    { title: 'Init options', options: [option({ name: 'force', type: 'boolean', help: 'Overwrite an existing .composure.yaml' }), HELP_OPTION] },
  ],
});

/** rules and explain print a synopsis as their help, not a list of options. */
export const RULES_OPTIONS = commandOptions({
  positionals: false,
  groups: [{ title: 'Rules options', options: [formatOption('table (default) or json'), HELP_OPTION] }],
});

export const EXPLAIN_OPTIONS = commandOptions({
  positionals: true,
  groups: [{ title: 'Explain options', options: [HELP_OPTION] }],
});
