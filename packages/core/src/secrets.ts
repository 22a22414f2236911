/**
 * Secrets must never reach an output: the one place that decides what looks
 * like a credential and how it is masked.
 */

const SECRET_NAME = /pass(word|wd|phrase)?($|[_.-])|pwd($|[_.-])|secret|token|api[_.-]?key|access[_.-]?key|private[_.-]?key|credential|auth[_.-]?key/i;
/** Names that hold a reference to a secret, not the secret itself. */
const REFERENCE_SUFFIX = /[_.-](file|path|dir|url|uri|host|user(name)?)$/i;

export const MASK = '********';

/** True for an environment or build-arg name whose value is a credential (DB_PASSWORD, GITHUB_TOKEN, SECRET_KEY_BASE…). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !REFERENCE_SUFFIX.test(name);
}

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@]*):([^\s/@]*)@/gi;

/** `postgres://app:hunter2@db/app` → `postgres://app:********@db/app`. */
export function maskUrlPasswords(text: string): string {
  // Every finding's message and data pass here: most hold no URL at all.
  if (!text.includes('://')) return text;
  return text.replace(URL_CREDENTIALS, (_, scheme: string, user: string, password: string) =>
    password === '' ? `${scheme}${user}:@` : `${scheme}${user}:${MASK}@`,
  );
}

/** The password part of every URL in a text, for tests and for checks that a secret is present. */
export function urlPasswords(text: string): string[] {
  return [...text.matchAll(URL_CREDENTIALS)].map((m) => m[3]).filter(Boolean);
}

/**
 * A copy of a plain project tree with credentials masked: values of secret-named
 * environment entries and build args, and passwords inside any URL.
 */
export function maskProjectSecrets(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (isSecretName(key) && value !== '' && !value.startsWith('${')) return MASK;
    return maskUrlPasswords(value);
  }
  if (Array.isArray(value)) return value.map((v) => maskProjectSecrets(v));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskProjectSecrets(v, k);
    return out;
  }
  return value;
}

/** `KEY: value` (block or flow mapping) and `KEY=value` (a list item of environment or args), the key credential-shaped. */
const YAML_KEY_VALUE = /(^|[\s{,[-])(["']?)([A-Za-z0-9_.-]+)(["']?)(\s*:[ \t]+|=)(?!\$\{)("[^"]*"|'[^']*'|[^\s,{}[\]#"'][^\s,}\]#"']*)/g;

/**
 * One line of YAML as written, with credentials masked as {@link maskProjectSecrets}
 * masks them in a tree: the value of a secret-named key (`DB_PASSWORD: x`,
 * `- API_TOKEN=x`, `{ db_password: x }`), unless it is a `${…}` reference, and the
 * password of any URL. For outputs that quote source lines (the --fix-dry-run diff).
 */
export function maskSecretsInLine(line: string): string {
  const masked = line.replace(YAML_KEY_VALUE, (all: string, before: string, open: string, key: string, close: string, separator: string, value: string) => {
    if (!isSecretName(key) || value === '""' || value === "''") return all;
    const q = value[0] === '"' || value[0] === "'" ? value[0] : '';
    return `${before}${open}${key}${close}${separator}${q}${MASK}${q}`;
  });
  return maskUrlPasswords(masked);
}

/** {@link maskSecretsInLine} on every line of a text. */
export function maskSecretsInText(text: string): string {
  return text.split('\n').map(maskSecretsInLine).join('\n');
}
