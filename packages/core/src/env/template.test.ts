import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractVariables, operatorFor, substitute, type Lookup } from './template.js';

const CONFORMANCE = new URL('../../../../test/conformance/', import.meta.url);
const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, CONFORMANCE), 'utf8')) as T;

interface InterpolationVector {
  template: string;
  env: Record<string, string>;
  expected: string | null;
  error: boolean;
  errorContains?: string;
  errorExact?: string;
  errorType?: string;
  errorFields?: { Variable: string; Reason: string };
  warnings?: number;
  api: 'Substitute' | 'Interpolate';
  path?: string;
  envFromProcess?: boolean;
  name?: string;
  source: string;
}

/** A lookup over a vector's `env`; with envFromProcess the env is all that is set, as the README describes. */
const lookupIn =
  (env: Record<string, string>): Lookup =>
  (name) =>
    Object.hasOwn(env, name) ? env[name] : undefined;

const label = (v: { source: string; name?: string }, i: number) => `${v.source}${v.name ? ` (${v.name})` : ''} #${i}`;

const interpolation = load<InterpolationVector[]>('interpolation.json');
const substituteVectors = interpolation.filter((v) => v.api === 'Substitute').map((v, i) => [label(v, i), v] as const);

describe('interpolation.json (template.Substitute)', () => {
  it('covers every vector of the file between this suite and interpolate.test.ts', () => {
    expect(interpolation).toHaveLength(107);
    expect(substituteVectors.length + interpolation.filter((v) => v.api === 'Interpolate').length).toBe(107);
  });

  it.each(substituteVectors)('%s', (_, vector) => {
    const result = substitute(vector.template, lookupIn(vector.env));
    if (vector.error) {
      expect('error' in result, `expected an error, got ${JSON.stringify(result)}`).toBe(true);
      if (!('error' in result)) return;
      if (vector.errorContains) expect(result.error.message).toContain(vector.errorContains);
      if (vector.errorType === 'MissingRequiredError') expect(result.error.kind).toBe('missing-required');
      if (vector.errorFields) {
        expect(result.error).toMatchObject({ variable: vector.errorFields.Variable, reason: vector.errorFields.Reason });
      }
    } else {
      expect(result).toMatchObject({ value: vector.expected });
    }
    if (vector.warnings !== undefined) expect(result.unset).toHaveLength(vector.warnings);
  });
});

describe('variables.json (template.ExtractVariables)', () => {
  const vectors = load<{ name: string; input: unknown; expected: unknown; source: string }[]>('variables.json');

  it('has the 18 vectors of the README', () => expect(vectors).toHaveLength(18));

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_, vector) => {
    expect(extractVariables(vector.input)).toEqual(vector.expected);
  });
});

describe('template-operators.json (getSubstitutionFunctionForTemplate)', () => {
  const vectors = load<{ name: string; input: string; symbol: string; source: string }[]>('template-operators.json');

  it('has the 12 vectors of the README', () => expect(vectors).toHaveLength(12));

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_, vector) => {
    expect(operatorFor(vector.input)).toBe(vector.symbol);
  });
});

describe('substitute', () => {
  const env = lookupIn({ FOO: 'first', EMPTY: '' });
  const value = (template: string) => {
    const result = substitute(template, env);
    return 'value' in result ? result.value : result.error.message;
  };

  it('replaces $$ by $ in one pass, without substituting what it produced', () => {
    expect(value('$${FOO} $$FOO $$$FOO')).toBe('${FOO} $FOO $first');
  });

  it('quotes the template in invalid-template messages as Go does', () => {
    expect(value('a "${"\n')).toBe('Invalid template: "a \\"${\\"\\n"');
  });

  it('names the innermost template an invalid reference is in', () => {
    expect(value('x ${NOPE:-${}}')).toBe('Invalid template: "${}"');
    // Lazy: the invalid default is never evaluated when the variable is set.
    expect(value('x ${FOO:-${}}')).toBe('x first');
  });

  it('reports each unset variable once, in order, and not those only in unused operands', () => {
    const result = substitute('$B ${A} $B ${FOO:-$C} ${NOPE:-${D:-d}}', env);
    expect(result).toEqual({ value: '   first d', unset: ['B', 'A'] });
  });

  it('matches names case-insensitively with Unicode folding, as Go does', () => {
    expect(substitute('$\u017Fx', (name) => (name === '\u017Fx' ? 'long s' : undefined))).toMatchObject({ value: 'long s' });
  });

  it('reports hostile nesting instead of overflowing the stack', () => {
    const result = substitute('${A:-'.repeat(5_000) + '}'.repeat(5_000), env);
    expect(result).toHaveProperty('error');
  });
});
