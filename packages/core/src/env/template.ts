/**
 * Variable substitution in one string, as compose-go's `template` package does
 * it (`$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `${VAR:?e}`, `${VAR?e}`,
 * `${VAR:+a}`, `${VAR+a}`, nesting in operands, `$$`), including its quirks:
 * the operator is the one written first, a braced reference extends to the
 * first balanced `}`, and operands are only evaluated when they are used.
 */
import { goQuote } from './go-quote.js';

/** A variable's value, or undefined when it is not set (an empty string is set). */
export type Lookup = (name: string) => string | undefined;

export type InterpolationError =
  | { kind: 'invalid-template'; template: string; message: string; tooDeep?: true }
  /** `reason` is evaluated (compose-go's); `writtenReason` is the operand as written, variables not expanded. */
  | { kind: 'missing-required'; variable: string; reason: string; writtenReason: string; message: string };

export type SubstituteResult = ({ value: string } | { error: InterpolationError }) & {
  /**
   * Variables used without a default while unset (compose warns `The "X" variable is not set.`),
   * each once, in order of use. Operands that were not evaluated do not count. Complete only
   * when there is no error, since evaluation stops at the first error.
   */
  unset: string[];
};

export type Operator = ':?' | '?' | ':-' | '-' | ':+' | '+';

/** A variable named in a template, as compose-go's ExtractVariables reports it. */
export interface Variable {
  name: string;
  defaultValue: string;
  presenceValue: string;
  required: boolean;
}

/**
 * compose-go's DefaultPattern. Go's `(?i:…)` becomes the `i` flag, with `u` so
 * case folding is Unicode's as in Go (`ſ` and the Kelvin sign match `[a-z]`);
 * Go's `.` becomes `[^\n]` because it also matches `\r`.
 */
const PATTERN = String.raw`\$(?:(?<escaped>\$)|(?<named>[_a-z][_a-z0-9]*)|\{(?:(?<braced>[_a-z][_a-z0-9]*(?::?[-+?][^\n]*)?)\}|(?<invalid>)))`;
const ALL_REFERENCES = new RegExp(PATTERN, 'giu');
const FIRST_REFERENCE = new RegExp(PATTERN, 'iu');

const OPERATORS: readonly Operator[] = [':?', '?', ':-', '-', ':+', '+'];

/**
 * The operator compose-go applies to a reference: the one found earliest in the
 * text (so `${A-x:?y}` is a default, not a requirement); `:?` when there is none.
 */
export function operatorFor(text: string): Operator {
  let chosen = OPERATORS[0];
  let chosenAt = Infinity;
  for (const operator of OPERATORS) {
    const at = text.indexOf(operator);
    if (at >= 0 && at < chosenAt) [chosen, chosenAt] = [operator, at];
  }
  return chosen;
}

/**
 * Index of the `}` closing the first `{`, or -1. Like compose-go, the character
 * right after each `{` is skipped, so `{}` does not close itself.
 */
function closingBraceIndex(text: string): number {
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '}' && --open === 0) return i;
    if (text[i] === '{') {
      open++;
      i++;
    }
  }
  return -1;
}

type Failure = { kind: 'invalid-template'; template?: string } | { kind: 'missing-required'; variable: string; reason: string; writtenReason: string };

class Failed {
  constructor(readonly failure: Failure) {}
}

class Substitution {
  readonly unset = new Set<string>();

  constructor(private readonly lookup: Lookup) {}

  run(template: string): string {
    let result = '';
    let copied = 0;
    try {
      for (const match of template.matchAll(ALL_REFERENCES)) {
        result += template.slice(copied, match.index) + this.replace(match[0]);
        copied = match.index! + match[0].length;
      }
    } catch (error) {
      // An invalid reference names the innermost template it was found in.
      if (error instanceof Failed && error.failure.kind === 'invalid-template') error.failure.template ??= template;
      throw error;
    }
    return result + template.slice(copied);
  }

  /**
   * One match of the pattern. Because a braced operand may contain `}`, a match
   * can run past its reference: what follows the first balanced `}` is
   * substituted on its own and appended.
   */
  private replace(matched: string): string {
    const operator = operatorFor(matched);
    const close = closingBraceIndex(matched);
    const reference = close > -1 ? matched.slice(0, close + 1) : matched;
    const rest = close > -1 ? matched.slice(close + 1) : '';

    const groups = FIRST_REFERENCE.exec(reference)?.groups ?? {};
    if (groups.escaped) return groups.escaped;
    const body = groups.named || groups.braced;
    if (!body) throw new Failed({ kind: 'invalid-template' });
    if (!groups.named) {
      const applied = this.applyOperator(operator, body);
      if (applied !== undefined) return applied + this.run(rest);
    }
    const value = this.lookup(body);
    if (value === undefined) this.unset.add(body);
    return value ?? '';
  }

  /** The value of `${name<operator>operand}`, or undefined when the operator is not in the body. */
  private applyOperator(operator: Operator, body: string): string | undefined {
    const at = body.indexOf(operator);
    if (at < 0) return undefined;
    const name = body.slice(0, at);
    const operand = body.slice(at + operator.length);
    const value = this.lookup(name);
    const isSet = value !== undefined;
    const isNonEmpty = isSet && value !== '';
    switch (operator) {
      case ':-':
        return isNonEmpty ? value : this.run(operand);
      case '-':
        return isSet ? value : this.run(operand);
      case ':+':
        return isNonEmpty ? this.run(operand) : (value ?? '');
      case '+':
        return isSet ? this.run(operand) : '';
      case ':?':
        if (isNonEmpty) return value;
        break;
      case '?':
        if (isSet) return value;
        break;
    }
    throw new Failed({ kind: 'missing-required', variable: name, reason: this.run(operand), writtenReason: operand });
  }
}

function describe(failure: Failure, template: string): InterpolationError {
  if (failure.kind === 'invalid-template') {
    const text = failure.template ?? template;
    return { kind: 'invalid-template', template: text, message: `Invalid template: ${goQuote(text)}` };
  }
  const { variable, reason, writtenReason } = failure;
  return { kind: 'missing-required', variable, reason, writtenReason, message: missingRequiredMessage(variable, reason) };
}

/** compose-go's words for `${VAR:?reason}` with VAR unset or empty. */
function missingRequiredMessage(variable: string, reason: string): string {
  return `required variable ${variable} is missing a value${reason ? `: ${reason}` : ''}`;
}

/** Substitutes every variable reference in `template` (compose-go's template.Substitute). */
export function substitute(template: string, lookup: Lookup): SubstituteResult {
  const substitution = new Substitution(lookup);
  const unset = () => [...substitution.unset];
  try {
    return { value: substitution.run(template), unset: unset() };
  } catch (error) {
    if (error instanceof Failed) return { error: describe(error.failure, template), unset: unset() };
    // Go's growable stacks evaluate any nesting; ours stop at hostile depths.
    if (error instanceof RangeError) {
      return { error: { kind: 'invalid-template', template, message: 'Invalid template: nested too deeply to evaluate', tooDeep: true }, unset: unset() };
    }
    throw error;
  }
}

/** The variables named in a string, with their operands, in order of appearance (nested ones included). */
function variablesIn(text: string): Variable[] {
  const found: Variable[] = [];
  for (const match of text.matchAll(ALL_REFERENCES)) {
    const groups = match.groups!;
    if (groups.escaped) continue;
    let body = groups.named ?? '';
    if (!body) {
      body = groups.braced ?? '';
      const close = closingBraceIndex(match[0]);
      if (close > 0) {
        body = match[0].slice(2, close);
        found.push(...variablesIn(match[0].slice(close + 1)));
      }
    }
    const variable: Variable = { name: body, defaultValue: '', presenceValue: '', required: false };
    let requiredMessage = '';
    const nameEnd = body.search(/[^A-Za-z0-9_]/);
    if (nameEnd > 0) {
      variable.name = body.slice(0, nameEnd);
      const rest = body.slice(nameEnd);
      if (rest.startsWith(':?') || rest.startsWith('?')) {
        variable.required = true;
        requiredMessage = rest.slice(rest.indexOf('?') + 1);
      } else if (rest.startsWith(':-')) variable.defaultValue = rest.slice(2);
      else if (rest.startsWith('-')) variable.defaultValue = rest.slice(1);
      else if (rest.startsWith(':+')) variable.presenceValue = rest.slice(2);
      else if (rest.startsWith('+')) variable.presenceValue = rest.slice(1);
    }
    found.push(variable);
    for (const operand of [variable.defaultValue, variable.presenceValue, requiredMessage]) {
      if (operand) found.push(...variablesIn(operand));
    }
  }
  return found;
}

/**
 * Every variable named in the strings of a plain value (compose-go's
 * ExtractVariables). A variable used several times is required if any use is,
 * and keeps the first default and presence value written.
 */
export function extractVariables(value: unknown): Record<string, Variable> {
  const variables = new Map<string, Variable>();
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      for (const variable of variablesIn(node)) {
        const existing = variables.get(variable.name);
        if (!existing) variables.set(variable.name, variable);
        else {
          existing.required ||= variable.required;
          existing.defaultValue ||= variable.defaultValue;
          existing.presenceValue ||= variable.presenceValue;
        }
      }
    } else if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') Object.values(node).forEach(visit);
  };
  visit(value);
  return Object.fromEntries(variables);
}
