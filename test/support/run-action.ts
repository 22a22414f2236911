/**
 * Runs action.yml's composite steps the way a GitHub runner does, as far as composure's
 * action needs: inputs with their defaults, `${{ inputs.X }}` and `${{ steps.ID.outputs.X }}`
 * in each step's `env`, a step's `if: inputs.X == 'value'` (or `!=`), `run` under bash with
 * GITHUB_ACTION_PATH, GITHUB_OUTPUT files read back into step outputs, and the steps stopping
 * at the first failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './run-cli.js';

export interface ActionManifest {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: { name: string; id?: string; if?: string; shell: string; run: string; env?: Record<string, string> }[] };
}

export const readAction = (): ActionManifest => parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));

/** Every `${{ … }}` expression in a text. */
export const expressions = (text: string) => [...text.matchAll(/\$\{\{\s*(.*?)\s*\}\}/g)].map((m) => m[1]);

export interface ActionRun {
  /** Exit code of the last step that ran. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Each step's outputs by step id. */
  steps: Record<string, Record<string, string>>;
  /** The action's outputs. */
  outputs: Record<string, string>;
}

export function runAction(inputs: Record<string, string>, options: { cwd: string; env?: Record<string, string> }): ActionRun {
  const action = readAction();
  const values = Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, inputs[name] ?? spec.default ?? '']));
  const steps: Record<string, Record<string, string>> = {};
  const evaluate = (text: string) =>
    text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
      const input = /^inputs\.([\w-]+)$/.exec(expression);
      if (input) return values[input[1]] ?? '';
      const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
      if (output) return steps[output[1]]?.[output[2]] ?? '';
      throw new Error(`unsupported expression in action.yml: ${expression}`);
    });
  /** A step's condition: the comparisons of an input with a literal that action.yml uses, nothing else. */
  const runsStep = (condition: string | undefined) => {
    if (condition === undefined) return true;
    const test = /^inputs\.([\w-]+) (==|!=) '([^']*)'$/.exec(condition.trim());
    if (!test) throw new Error(`unsupported condition in action.yml: ${condition}`);
    return (values[test[1]] === test[3]) === (test[2] === '==');
  };
  let stdout = '';
  let stderr = '';
  let code: number | null = 0;
  const scratch = mkdtempSync(join(tmpdir(), 'composure-action-'));
  try {
    for (const [index, step] of action.runs.steps.entries()) {
      if (!runsStep(step.if)) continue;
      const outputFile = join(scratch, `output-${index}`);
      const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, evaluate(String(value))]));
      const result = spawnSync('bash', ['-e', '-c', step.run], {
        cwd: options.cwd,
        encoding: 'utf8',
        timeout: 300_000,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          RUNNER_TEMP: scratch,
          GITHUB_ACTION_PATH: ROOT,
          GITHUB_OUTPUT: outputFile,
          ...options.env,
          ...env,
        },
      });
      stdout += result.stdout;
      stderr += result.stderr;
      code = result.status;
      let written = '';
      try {
        written = readFileSync(outputFile, 'utf8');
      } catch {
        // a step that set no output
      }
      if (step.id)
        steps[step.id] = Object.fromEntries(
          written
            .split('\n')
            .filter(Boolean)
            .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
        );
      if (code !== 0) break;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([name, spec]) => [name, evaluate(spec.value)]));
  return { code, stdout, stderr, steps, outputs };
}
