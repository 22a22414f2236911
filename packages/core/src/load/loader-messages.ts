/**
 * What the loader says under the ids of two core rules, by message id, as every rule declares its
 * messages (`meta.messages`): @composure/rules' compose-load and interpolation declare these
 * tables, so that their findings carry a message id and data (ESLint's messageId, fixtures that
 * survive a rewording) like every other rule's. The wording is compose-go's where it reproduces
 * compose-go's, lower case and all.
 *
 * yaml-syntax and compose-schema have none: the first's text is mostly the yaml library's, the
 * second's is composed from schema errors, casts and merge failures; neither has a fixed set.
 */
import { renderMessage, type MessageData } from '../lint/messages.js';
import type { Diagnostic, Severity } from '../source/diagnostic.js';
import type { Loc } from '../source/node.js';
import { NOT_UTF8 } from '../source/parse-yaml.js';

/** A reference Docker Compose could not follow: a file, an extended service, an include. */
export const COMPOSE_LOAD_MESSAGES = {
  fileUnreadable: 'The file {{path}} cannot be read.',
  envFileUnreadable: 'The env file {{path}} cannot be read.',
  envFileNotUtf8: NOT_UTF8,
  envFileMissing: 'The env_file {{file}} of service "{{service}}" does not exist.',
  labelFileMissing: 'The label_file {{file}} of service "{{service}}" does not exist.',
  // compose-go's dotenv parser's words; the character as Go's %q prints it.
  dotenvUnexpectedCharacter: 'unexpected character {{character}} in variable name',
  dotenvKeyWithSpace: 'key cannot contain a space',
  dotenvUnterminatedQuote: 'unterminated quoted value',
  extendsWithoutService: 'services.{{service}}.extends must name a service.',
  extendsFileUnreadable: 'Cannot extend service "{{service}}": the file {{file}} cannot be read.',
  extendsFileWithoutServices: 'Cannot extend service "{{service}}": {{file}} has no services section.',
  extendedServiceMissing: 'Cannot extend service "{{service}}": service "{{base}}" not found.',
  extendedServiceMissingInFile: 'Cannot extend service "{{service}}": service "{{base}}" not found in {{file}}.',
  extendsCycle: 'Circular extends: {{cycle}}.',
  includeRemote: 'The remote include {{include}} is not fetched; its services are not analysed.',
  includeMissing: 'The included file {{include}} does not exist.',
  includeCycle: 'Include cycle: {{cycle}}.',
  includeConflict: '{{section}}.{{name}} in {{file}} conflicts with the resource of the same name imported by include.',
} as const;

/** A variable reference that cannot be substituted, or one that is unset (compose-go's words). */
export const INTERPOLATION_MESSAGES = {
  invalidFormat: 'invalid interpolation format for {{path}}. You may need to escape any $ with another $. {{template}}',
  // Where the value may be a secret (environment, build args, secret-named keys), the template is not printed.
  invalidFormatValueHidden: 'invalid interpolation format for {{path}}. You may need to escape any $ with another $.',
  // Not a format error: Docker Compose would evaluate it; composure's stack gives up (thousands of levels).
  nestedTooDeeply: 'cannot interpolate {{path}}: its variable references are nested too deeply to evaluate.',
  requiredMissing: 'error while interpolating {{path}}: required variable {{variable}} is missing a value: {{reason}}',
  requiredMissingNoReason: 'error while interpolating {{path}}: required variable {{variable}} is missing a value',
  // Names match compose-go's [_a-z][_a-z0-9]*, which Go's %q prints between quotes unchanged.
  unset: 'The "{{variable}}" variable is not set. Defaulting to a blank string.',
  dotenvInvalidFormat: '{{key}}: invalid interpolation format; you may need to escape any $ with another $',
  dotenvRequiredMissing: '{{key}}: required variable {{variable}} is missing a value',
} as const;

export type ComposeLoadMessageId = keyof typeof COMPOSE_LOAD_MESSAGES;
export type InterpolationMessageId = keyof typeof INTERPOLATION_MESSAGES;

/** One of a rule's messages with the data that fills it, for the diagnostic that says it. */
export interface LoaderMessage<MessageId extends string> {
  messageId: MessageId;
  data?: MessageData;
}

/** Makes a rule's diagnostics from its message table, rendered as the engine renders a rule's reports. */
function diagnosticsOf<MessageId extends string>(ruleId: string, messages: Readonly<Record<MessageId, string>>) {
  return ({ messageId, data }: LoaderMessage<MessageId>, loc: Loc, severity: Severity = 'error', service?: string): Diagnostic => ({
    ruleId,
    severity,
    message: renderMessage(messages[messageId], data),
    messageId,
    ...(data ? { data } : {}),
    loc,
    ...(service === undefined ? {} : { service }),
  });
}

export const composeLoadDiagnostic = diagnosticsOf<ComposeLoadMessageId>('compose-load', COMPOSE_LOAD_MESSAGES);
export const interpolationDiagnostic = diagnosticsOf<InterpolationMessageId>('interpolation', INTERPOLATION_MESSAGES);
