/**
 * Interpolation of a located Compose tree, as compose-go's `interpolation`
 * package runs it on each file: every string value (never a key, never a value
 * YAML already typed as a number or boolean) is substituted in place, then
 * values at known paths are cast to numbers and booleans.
 */
import { interpolationDiagnostic, type InterpolationMessageId, type LoaderMessage } from '../load/loader-messages.js';
import { formatPath, type PathSegment } from '../schema/describe.js';
import { isSecretName } from '../secrets.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Loc, Node, ScalarNode } from '../source/node.js';
import { goQuote } from './go-quote.js';
import { substitute, type InterpolationError, type Lookup } from './template.js';
import { castAt, COMPOSE_TYPE_CASTS, type TypeCast } from './type-casts.js';

export interface InterpolateOptions {
  lookup: Lookup;
  /** Casts applied to string values after substitution; compose-go's table by default. */
  typeCasts?: readonly TypeCast[];
}

/** Messages name keys that may hold secrets but never print their values. */
function mayPrintValue(path: readonly string[]): boolean {
  return !path.includes('environment') && !path.includes('args') && !isSecretName(path[path.length - 1] ?? '');
}

/** compose-go's message for a failed substitution at `path`. */
function interpolationFailure(path: string, error: InterpolationError, printTemplate: boolean): LoaderMessage<InterpolationMessageId> {
  if (error.kind === 'invalid-template') {
    if (error.tooDeep) return { messageId: 'nestedTooDeeply', data: { path } };
    return printTemplate ? { messageId: 'invalidFormat', data: { path, template: error.template } } : { messageId: 'invalidFormatValueHidden', data: { path } };
  }
  // The reason as written, not compose-go's evaluated one: `${A:?${API_KEY}}` must not print API_KEY's value from .env.
  const { variable, writtenReason: reason } = error;
  return reason ? { messageId: 'requiredMissing', data: { path, variable, reason } } : { messageId: 'requiredMissingNoReason', data: { path, variable } };
}

const NOWHERE: Loc = { file: '', start: 0, end: 0 };

type StringScalar = ScalarNode & { value: string };

/** Substitutes variables in every string value of `root`, in place; returns the errors and warnings. */
export function interpolateTree(root: Node, options: InterpolateOptions): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const typeCasts = options.typeCasts ?? COMPOSE_TYPE_CASTS;

  const reportSchema = (severity: Diagnostic['severity'], message: string, loc: Loc) => diagnostics.push({ ruleId: 'compose-schema', severity, message, loc });

  /** Substitutes a string value in place; false when it cannot be (it is then left as written). */
  const substituteValue = (node: StringScalar, path: readonly string[], where: PathSegment[], loc: Loc): boolean => {
    if (!node.value.includes('$')) return true;
    const result = substitute(node.value, options.lookup);
    if ('error' in result) {
      diagnostics.push(interpolationDiagnostic(interpolationFailure(formatPath(where), result.error, mayPrintValue(path)), loc));
      return false;
    }
    node.value = result.value;
    for (const name of result.unset) {
      diagnostics.push(interpolationDiagnostic({ messageId: 'unset', data: { variable: name } }, loc, 'warning'));
    }
    return true;
  };

  /** Casts a string value to the number or boolean compose-go expects at its path. */
  const castValue = (node: StringScalar, path: readonly string[], where: PathSegment[], loc: Loc) => {
    const cast = castAt(path, typeCasts);
    if (!cast) return;
    const text = node.value;
    const outcome = cast(text);
    if (!('expected' in outcome) && !outcome.warning) {
      (node as ScalarNode).value = outcome.value;
      return;
    }
    const at = formatPath(where);
    const printable = mayPrintValue(path);
    if ('expected' in outcome) {
      reportSchema('error', `${at} must be ${outcome.expected}${printable ? `, got ${goQuote(text)}` : ''}.`, loc);
      return;
    }
    (node as ScalarNode).value = outcome.value;
    reportSchema('warning', `${at}:${printable ? ` ${goQuote(text)}` : ''} ${outcome.warning}`, loc);
  };

  // `path` is what the cast table matches (list items as `[]`); `where` is what messages show (`ports[1]`).
  // Both are one stack each, pushed and popped as the walk goes (a copy per node was most of its
  // garbage): what reads them reads them at once and keeps nothing.
  const path: string[] = [];
  const where: PathSegment[] = [];
  const visit = (node: Node, inherited: Loc): void => {
    const loc = node.loc ?? inherited;
    if (node.kind === 'map') {
      for (const [key, pair] of node.entries) {
        path.push(key);
        where.push(key);
        visit(pair.value, pair.key.loc ?? loc);
        path.pop();
        where.pop();
      }
    } else if (node.kind === 'seq') {
      for (let index = 0; index < node.items.length; index++) {
        path.push('[]');
        where.push(index);
        visit(node.items[index], loc);
        path.pop();
        where.pop();
      }
    } else if (typeof node.value === 'string') {
      if (substituteValue(node as StringScalar, path, where, loc)) castValue(node as StringScalar, path, where, loc);
    }
  };

  visit(root, root.loc ?? NOWHERE);
  return diagnostics;
}
