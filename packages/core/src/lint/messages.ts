/**
 * Rule messages as ESLint writes them (`meta.messages`): templates by id whose `{{name}}`
 * placeholders are filled from a report's data. The syntax and its edge cases are ESLint's
 * (lib/linter/interpolate.js), so that the ESLint plugin renders every message as composure does.
 */

/** Values a message's placeholders are filled with. */
export type MessageData = Readonly<Record<string, string | number>>;

/** `{{ name }}`, spaces inside the braces allowed; a name holds no braces. */
const PLACEHOLDER = /\{\{([^{}]+?)\}\}/gu;

/** A template with its placeholders filled in; a placeholder without data is left as written, as ESLint leaves it. */
export function renderMessage(template: string, data: MessageData = {}): string {
  return template.replace(PLACEHOLDER, (whole: string, name: string) => {
    const key = name.trim();
    return Object.hasOwn(data, key) ? String(data[key]) : whole;
  });
}

/** The names a template's placeholders ask for, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1].trim()))];
}
