import {
  defineRule,
  get,
  getIn,
  isMap,
  isScalar,
  isSecretName,
  isUninterpolated,
  placeKey,
  services,
  urlPasswords,
  type Node,
  type Pair,
  type Project,
  type ReportMessage,
} from '@composure/core/rule-kit';

const holdsVariable = (text: string) => isUninterpolated(text.replace(/\$\$/g, ''));

/** Image start-up switches under credential-shaped names (`MYSQL_RANDOM_ROOT_PASSWORD: "yes"`): flags, not credentials. */
const FLAG = /^(yes|no|true|false|on|off|y|n|0|1)$/i;

/** An absolute path (`/run/secrets/db_password`, `/etc/ssl/private/key.pem`): where a credential is, not the credential. */
const PATH = /^(\/[\w.@+-]+)+\/?$/;

/**
 * The text of a value as written in a compose file: for an `environment` list item (`KEY=VALUE`,
 * where key and value share one place) the part after `=`. Undefined when the value was not
 * written in a compose file (synthesised), or when a list item names only the key (`- KEY`:
 * the value comes from the environment).
 */
function writtenText(project: Project, pair: Pair): string | undefined {
  const loc = pair.value.loc;
  if (!loc || !project.sources.has(loc.file)) return undefined;
  const text = project.files.get(loc.file)?.text.slice(loc.start, loc.end);
  if (text === undefined || !pair.key.loc || placeKey(pair.key.loc) !== placeKey(loc)) return text;
  const eq = text.indexOf('=');
  return eq === -1 ? undefined : text.slice(eq + 1);
}

type Where = 'environment' | 'build-args';

interface Leak {
  kind: 'value' | 'url';
  name: string;
  where: Where;
}

/** What is wrong with one `NAME: value` entry, or undefined. The value itself never leaves this function. */
function leakOf(project: Project, name: string, pair: Pair, where: Where): Leak | undefined {
  const node = pair.value;
  // null: taken from the environment at run time; anything else than a scalar the schema reports.
  if (!isScalar(node) || node.value === null) return undefined;
  const value = String(node.value).trim();
  if (value === '') return undefined;
  const written = writtenText(project, pair);
  if (written === undefined) return undefined;
  if (isSecretName(name)) {
    // Interpolated (`${DB_PASSWORD}`, also with a default), or filled in from the environment
    // (`DB_PASSWORD:` with no value, which Compose resolves): what was written is not the value.
    if (holdsVariable(written) || !written.replace(/\$\$/g, '$').includes(value)) return undefined;
    if (FLAG.test(value) || PATH.test(value)) return undefined;
    return { kind: 'value', name, where };
  }
  // A password inside a URL, whatever the name: judged on the text as written, so that
  // `postgres://app:${DB_PASSWORD}@db/app` passes and `postgres://app:hunter2@${DB_HOST}/app` does not.
  if (urlPasswords(written).some((password) => !holdsVariable(password))) return { kind: 'url', name, where };
  return undefined;
}

/** What the rule says of a leak: its message id and data. */
function reportOf(service: string, leak: Leak): ReportMessage<'buildArgument' | 'urlPassword' | 'literalCredential'> {
  const { name } = leak;
  if (leak.where === 'build-args') {
    const what = leak.kind === 'url' ? `a URL with a literal password` : 'a literal credential';
    return { messageId: 'buildArgument', data: { service, what, name } };
  }
  if (leak.kind === 'url') return { messageId: 'urlPassword', data: { service, name } };
  // The _FILE variable follows the name's case, as images spell it (POSTGRES_PASSWORD_FILE, db_password_file).
  return { messageId: 'literalCredential', data: { service, name, fileSuffix: /[a-z]/.test(name) && name === name.toLowerCase() ? '_file' : '_FILE' } };
}

export const noSecretsInEnvironment = defineRule({
  meta: {
    id: 'no-secrets-in-environment',
    description:
      'Credentials must not be written literally in `environment` or `build.args`: neither under credential-shaped names nor as passwords inside URLs.',
    severity: 'error',
    recommended: true,
    category: 'security',
    oncePerPlace: true,
    peers: ['compose-lint CL-0020', 'compose-lint CL-0021', 'DockSec'],
    messages: {
      buildArgument: `Service "{{service}}" passes {{what}} in build argument {{name}}: build arguments are committed with the compose file and kept in the image's history; mount it as a build secret (build: secrets:) instead.`,
      urlPassword:
        'Service "{{service}}" sets {{name}} to a URL with a literal password: the credential is committed with the compose file and shown by docker inspect; interpolate the password (${…}) from an .env file kept out of version control, or read it from a Compose secret (secrets:).',
      literalCredential:
        'Service "{{service}}" sets {{name}} to a literal credential: it is committed with the compose file and shown by docker inspect; read it from a Compose secret (secrets:, with {{name}}{{fileSuffix}} where the image supports it) or interpolate it (${{{name}}}) from an .env file kept out of version control.',
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      const sources: [Node | undefined, Where][] = [
        [get(service.node, 'environment'), 'environment'],
        [getIn(service.node, ['build', 'args']), 'build-args'],
      ];
      for (const [mapping, where] of sources) {
        // Canonical form is a mapping; a list left as is (a key holding a variable) is not judged.
        if (!isMap(mapping)) continue;
        for (const [name, pair] of mapping.entries) {
          const leak = leakOf(context.project, name, pair, where);
          if (!leak) continue;
          context.report({ ...reportOf(service.name, leak), at: pair.value, service: service.name });
        }
      }
    }
  },
});
