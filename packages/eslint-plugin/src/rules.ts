/**
 * Every composure rule as an ESLint rule. Each is an adapter: it asks the shared analysis for
 * the file (see analysis.ts) and reports that analysis's findings of its own id located in the
 * linted file, with ESLint positions and fixes. No check is implemented here.
 */
import { isRecommended, lineEndingOf, type AnyRule, type Finding } from '@composure/core';
import { rules } from '@composure/rules';
import type { Rule } from 'eslint';
import { analysisOf, findingsOf } from './analysis.js';

/** The rule that reports a project that cannot be loaded at all (a missing file, a broken .composure.yaml). */
export const LOAD_RULE_ID = 'compose-load';

/** Settings read from ESLint's shared `settings.composure`. */
export interface ComposureSettings {
  /** The environment for interpolation and COMPOSE_* variables, instead of process.env. */
  env?: Record<string, string>;
  /** Profiles to enable, as the CLI's --profile (instead of COMPOSE_PROFILES). */
  profiles?: string[];
  /** Env files read instead of the project's `.env`, relative to ESLint's working directory, as the CLI's --env-file. */
  envFiles?: string[];
}

/** A list of names from the configuration: its non-empty strings (anything else is not a list: none). */
const names = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : undefined;

function settingsOf(context: Rule.RuleContext): ComposureSettings {
  const settings = (context.settings as Record<string, unknown> | undefined)?.composure;
  if (!settings || typeof settings !== 'object') return {};
  const { env, profiles, envFiles } = settings as Record<string, unknown>;
  return { env: env as ComposureSettings['env'], profiles: names(profiles), envFiles: names(envFiles) };
}

/** ESLint's meta.type: style rules change layout or are suggestions; every other category finds problems. */
function typeOf(rule: AnyRule): Rule.RuleMetaData['type'] {
  return rule.meta.category === 'style' ? 'layout' : 'problem';
}

/** A finding's fix as ESLint edits; inserted line breaks follow the file's own line ending, as composure's fixer does. */
function fixOf(fix: Finding['fix'], text: string): Rule.ReportFixer | undefined {
  const edits = fix?.edits;
  if (!edits || edits.length === 0) return undefined;
  const crlf = lineEndingOf(text) === '\r\n';
  const normalised = edits.map((e) => ({ ...e, text: crlf ? e.text.replace(/\r?\n/g, '\r\n') : e.text }));
  // A fix that changes nothing is no fix (composure's fixer skips it too).
  if (normalised.every((e) => text.slice(e.start, e.end) === e.text)) return undefined;
  return (fixer) => normalised.map((e) => fixer.replaceTextRange([e.start, e.end], e.text));
}

/** A finding's suggestions as ESLint's `suggest`: each by its message id and data, ESLint renders the same text. */
function suggestionsOf(finding: Finding, text: string): Rule.SuggestionReportDescriptor[] | undefined {
  const suggest = (finding.suggestions ?? []).flatMap((s) => {
    const fix = fixOf(s.fix, text);
    return fix ? [{ ...messageOf(s), fix }] : [];
  });
  return suggest.length > 0 ? suggest : undefined;
}

/**
 * The id of the message that carries a finding made without one (yaml-syntax's and compose-schema's,
 * a project that cannot be loaded, a rule's internal error): its whole text. No rule declares it
 * (rules.test.ts checks).
 */
export const TEXT_MESSAGE_ID = 'composureText';

/** How ESLint reports a finding: by the rule's message id and data (ESLint renders the same text), or as text. */
function messageOf(finding: Pick<Finding, 'message' | 'messageId' | 'data'>): { messageId: string; data: Record<string, string | number> } {
  return finding.messageId !== undefined
    ? { messageId: finding.messageId, data: { ...finding.data } }
    : { messageId: TEXT_MESSAGE_ID, data: { message: finding.message } };
}

function adapt(rule: AnyRule): Rule.RuleModule {
  const { meta } = rule;
  return {
    meta: {
      type: typeOf(rule),
      docs: { description: meta.description, url: meta.docsUrl, recommended: isRecommended(rule) },
      messages: { ...rule.meta.messages, [TEXT_MESSAGE_ID]: '{{message}}' },
      schema: meta.optionsSchema ? [meta.optionsSchema as never] : [],
      ...(meta.fixable ? { fixable: 'code' as const } : {}),
      ...(meta.hasSuggestions ? { hasSuggestions: true } : {}),
    },
    create(context) {
      return {
        Program() {
          const text = context.sourceCode.text;
          const analysis = analysisOf({ filename: context.filename, text, cwd: context.cwd, ...settingsOf(context) });
          if (!analysis.ok) {
            // Never a crash: a project that cannot be loaded is one finding on line 1.
            if (meta.id === LOAD_RULE_ID)
              context.report({ loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } }, ...messageOf({ message: analysis.message }) });
            return;
          }
          const options = context.options[0] as Record<string, unknown> | undefined;
          for (const finding of findingsOf(analysis, rule, options)) {
            // A finding in another file (an override, .composure.yaml) is reported when that file is linted.
            if (finding.file !== analysis.file || finding.suppressed) continue;
            context.report({
              loc: { start: { line: finding.line, column: finding.column - 1 }, end: { line: finding.endLine, column: finding.endColumn - 1 } },
              ...messageOf(finding),
              fix: fixOf(finding.fix, text),
              suggest: suggestionsOf(finding, text),
            });
          }
        },
      };
    },
  };
}

/** `composure/<id>` for every rule of the catalogue, in catalogue order. */
export const eslintRules: Record<string, Rule.RuleModule> = Object.fromEntries(rules.map((rule) => [rule.meta.id, adapt(rule)]));
