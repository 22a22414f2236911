import { defineRule } from '@composure/core/rule-kit';
import { isScalar, isSeq, Scalar, type YAMLSeq } from 'yaml';
import { writtenServiceValues } from '../written-yaml.js';
import optionsSchema from './options.schema.json' with { type: 'json' };

export type QuoteType = 'single' | 'double' | 'any';
export type PortsSection = 'ports' | 'expose';

export interface RequireQuotesInPortsOptions {
  /** The quotes a port must be written in; `any` accepts both. */
  quoteType: QuoteType;
  /** The service keys whose items are judged. */
  portsSections: PortsSection[];
}

const SECTIONS: readonly PortsSection[] = ['ports', 'expose'];

/** A port value in the quotes asked for: YAML's escaping for each. */
export function quotePort(value: string, quote: 'single' | 'double'): string {
  return quote === 'single' ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value);
}

const QUOTE_NAMES: Record<string, string> = { [Scalar.QUOTE_SINGLE]: 'single', [Scalar.QUOTE_DOUBLE]: 'double' };

const defaultOptions: RequireQuotesInPortsOptions = { quoteType: 'single', portsSections: ['ports', 'expose'] };

export const requireQuotesInPorts = defineRule({
  meta: {
    id: 'require-quotes-in-ports',
    description: 'Ports under `ports` and `expose` are written as quoted strings, in the quotes the project chose.',
    severity: 'warning',
    fixable: true,
    category: 'style',
    peers: ['dclint require-quotes-in-ports'],
    optionsSchema,
    messages: {
      wrongQuotes: 'The port {{port}} in the {{section}} of service "{{service}}" is in {{quotes}} quotes: write {{replacement}} (quoteType: {{quoteType}}).',
      notQuoted: 'The port {{port}} in the {{section}} of service "{{service}}" is not quoted: write {{replacement}}.',
    },
  },
  defaultOptions,
  check(context) {
    const quoteType: QuoteType = context.options.quoteType === 'double' || context.options.quoteType === 'any' ? context.options.quoteType : 'single';
    const sections = Array.isArray(context.options.portsSections) ? SECTIONS.filter((s) => context.options.portsSections.includes(s)) : SECTIONS;
    // What a fix writes: the quotes asked for, double quotes when any will do.
    const fixQuote = quoteType === 'single' ? 'single' : 'double';
    for (const section of sections) {
      for (const { written, service, value: list } of writtenServiceValues(context.project, section)) {
        if (!isSeq(list)) continue;
        const text = written.source.file.text;
        // Long-syntax mappings (`published: 8080`) and aliases are not short-syntax ports.
        for (const item of (list as YAMLSeq<unknown>).items) {
          if (!isScalar(item) || item.value === null || !item.range) continue;
          const [start, end] = item.range;
          const type = item.type;
          const quoted = type === Scalar.QUOTE_SINGLE || type === Scalar.QUOTE_DOUBLE;
          if (quoted && (quoteType === 'any' || QUOTE_NAMES[type] === quoteType)) continue;
          // A plain scalar's text is the value as the user wrote it (`08`, `8080:80`); quoted, its string.
          const source = text.slice(start, end);
          const value = type === Scalar.PLAIN ? source : String(item.value);
          const fixable = (type === Scalar.PLAIN || quoted) && !/[\r\n]/.test(source);
          const replacement = quotePort(value, fixQuote);
          const data = { section, service: service.name, replacement };
          context.report({
            ...(quoted
              ? { messageId: 'wrongQuotes', data: { ...data, port: source, quotes: QUOTE_NAMES[type!], quoteType } }
              : { messageId: 'notQuoted', data: { ...data, port: value } }),
            at: written.source.file.loc(start, end),
            service: service.name,
            fix: fixable ? { edits: [{ start, end, text: replacement }] } : undefined,
          });
        }
      }
    }
  },
});
