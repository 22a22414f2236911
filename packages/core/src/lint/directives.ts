import { Parser } from 'yaml';
import type { SourceFile } from '../source/source-file.js';

/**
 * Inline directives, as ESLint and hadolint users expect them:
 *   # composure-disable-next-line RULE[, RULE]
 *   # composure-disable-line [RULE…]          (on the line it ends)
 *   # composure-disable [RULE…] … # composure-enable [RULE…]
 *   # composure-disable-file [RULE…]
 * No rule list means every rule. Text after ` -- ` is a free reason.
 */
export interface Directive {
  kind: 'disable-next-line' | 'disable-line' | 'disable' | 'enable' | 'disable-file';
  /** Empty: all rules. */
  rules: string[];
  /** The text after ` -- `, when there is one: a suppression's justification. */
  reason?: string;
  /** 1-based line of the comment. */
  line: number;
  /** Offsets of the comment, for quick fixes and unknown-rule reports. */
  start: number;
  end: number;
}

const DIRECTIVE = /^#\s*composure-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*)$/;

/** Comments of a YAML file, found by the YAML parser so that `#` inside strings is not mistaken for one. */
function comments(text: string): { offset: number; source: string }[] {
  const found: { offset: number; source: string }[] = [];
  const stack: unknown[] = [...new Parser().parse(text)];
  while (stack.length > 0) {
    const token = stack.pop();
    if (Array.isArray(token)) {
      stack.push(...token);
    } else if (token && typeof token === 'object') {
      const t = token as { type?: string; offset?: number; source?: string };
      if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') {
        found.push({ offset: t.offset, source: t.source });
        continue;
      }
      for (const value of Object.values(token)) if (value && typeof value === 'object') stack.push(value);
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

export function parseDirectives(file: SourceFile): Directive[] {
  // Most files have none: skip the comment scan entirely.
  if (!file.text.includes('composure-')) return [];
  const directives: Directive[] = [];
  for (const comment of comments(file.text)) {
    const match = DIRECTIVE.exec(comment.source.trim());
    if (!match) continue;
    const [list, ...rest] = match[2].split(' -- ');
    const reason = rest.join(' -- ').trim();
    directives.push({
      kind: match[1] as Directive['kind'],
      rules: list.split(/[\s,]+/).filter(Boolean),
      ...(reason ? { reason } : {}),
      line: file.position(comment.offset).line,
      start: comment.offset,
      end: comment.offset + comment.source.length,
    });
  }
  return directives;
}

/** Answers whether a rule's finding on a line of this file is switched off by a directive. */
export class DirectiveIndex {
  private readonly directives: Directive[];

  constructor(file: SourceFile) {
    this.directives = parseDirectives(file);
  }

  get all(): readonly Directive[] {
    return this.directives;
  }

  isDisabled(ruleId: string, line: number): boolean {
    return this.disabledBy(ruleId, line) !== undefined;
  }

  /** The directive that switches a rule's finding on a line of this file off (for its reason), if any. */
  disabledBy(ruleId: string, line: number): Directive | undefined {
    if (this.directives.length === 0) return undefined;
    const names = (d: Directive) => d.rules.length === 0 || d.rules.includes(ruleId);
    let block: Directive | undefined;
    for (const d of this.directives) {
      if (!names(d)) continue;
      switch (d.kind) {
        case 'disable-file':
          return d;
        case 'disable-next-line':
          if (d.line + 1 === line) return d;
          break;
        case 'disable-line':
          if (d.line === line) return d;
          break;
        case 'disable':
          if (d.line <= line) block = d;
          break;
        case 'enable':
          if (d.line <= line) block = undefined;
          break;
      }
    }
    return block;
  }
}
