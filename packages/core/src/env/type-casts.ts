/**
 * compose-go's `interpolateTypeCastMapping`: after interpolation, string values
 * at these paths become numbers or booleans (`ports: [{target: "${PORT}"}]`
 * yields an int). The parsers follow Go's strconv so the same strings pass.
 */

export type CastResult = { value: number | boolean; warning?: string } | { expected: string };
export type Cast = (text: string) => CastResult;

/** A path pattern (keys joined by `.`, `*` for any key or item, `[]` for any list item) and its cast. */
export interface TypeCast {
  path: string;
  cast: Cast;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.Atoi and ParseInt(text, 10, 64): an optional sign and decimal digits, within int64. */
export const toInt: Cast = (text) => {
  if (!/^[+-]?[0-9]+$/.test(text)) return { expected: 'an integer' };
  const big = BigInt(text);
  return big < INT64_MIN || big > INT64_MAX ? { expected: 'an integer' } : { value: Number(big) };
};
export const toInt64 = toInt;

/** Go's underscoreOK: `_` only between digits, or right after a base prefix. */
function underscoresOk(text: string): boolean {
  const body = text.replace(/^[+-]/, '');
  const hex = /^0x/i.test(body);
  let saw = hex ? 'digit' : 'start';
  for (const ch of hex ? body.slice(2) : body) {
    if (/[0-9]/.test(ch) || (hex && /[a-f]/i.test(ch))) saw = 'digit';
    else if (ch === '_') {
      if (saw !== 'digit') return false;
      saw = '_';
    } else if (saw === '_') return false;
    else saw = 'other';
  }
  return saw !== '_';
}

const DECIMAL_FLOAT = /^[+-]?(?=[0-9_]*\.?[0-9_]*[0-9])[0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9][0-9_]*)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F_]*)\.?([0-9a-fA-F_]*)[pP]([+-]?[0-9][0-9_]*)$/;
const SPECIAL_FLOAT = /^(?:([+-]?)inf(?:inity)?|nan)$/i;

/** strconv.ParseFloat: Go float literals (decimal, or hex with a `p` exponent; `_` separators), inf and nan. */
function parseGoFloat(text: string): number | undefined {
  const special = SPECIAL_FLOAT.exec(text);
  if (special) return /^[+-]?i/i.test(text) ? (special[1] === '-' ? -Infinity : Infinity) : NaN;
  if (!underscoresOk(text)) return undefined;
  let value: number;
  if (DECIMAL_FLOAT.test(text)) value = Number(text.replaceAll('_', ''));
  else {
    const hex = HEX_FLOAT.exec(text.replaceAll('_', ''));
    if (!hex || hex[2] + hex[3] === '') return undefined;
    const [, sign, whole, fraction, exponent] = hex;
    value = parseInt(whole + fraction, 16) * 2 ** (Number(exponent) - 4 * fraction.length) * (sign === '-' ? -1 : 1);
  }
  // Go reports an overflow to ±Inf as an error.
  return Number.isFinite(value) ? value : undefined;
}

/** ParseFloat(text, 64). */
export const toFloat: Cast = (text) => {
  const value = parseGoFloat(text);
  return value === undefined ? { expected: 'a number' } : { value };
};

/**
 * ParseFloat(text, 32). Go stores a float32; we keep the float64 reading so
 * `0.1` stays 0.1 (as Go prints it) and use float32 only for the range check.
 */
export const toFloat32: Cast = (text) => {
  const value = parseGoFloat(text);
  const overflows = value !== undefined && Number.isFinite(value) && !Number.isFinite(Math.fround(value));
  return value === undefined || overflows ? { expected: 'a number' } : { value };
};

const BOOLEAN = 'a boolean (true or false)';

/** compose-go's toBoolean: YAML 1.1 spellings still work, with a warning. */
export const toBoolean: Cast = (text) => {
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false') return { value: lower === 'true' };
  const legacy = ['y', 'yes', 'on'].includes(lower) ? true : ['n', 'no', 'off'].includes(lower) ? false : undefined;
  if (legacy === undefined) return { expected: BOOLEAN };
  return { value: legacy, warning: `for boolean is not supported by YAML 1.2, please use \`${legacy}\`` };
};

/** strconv.ParseBool (used by compose-go's own interpolation tests). */
export const toGoBool: Cast = (text) => {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return { value: true };
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return { value: false };
  return { expected: BOOLEAN };
};

const at = (prefixes: readonly string[], cast: Cast, ...suffixes: string[]): TypeCast[] =>
  suffixes.flatMap((suffix) => prefixes.map((prefix) => ({ path: `${prefix}.${suffix}`, cast })));

/**
 * Container attributes apply to services and to their `pre_start` init
 * containers. (Newer compose-go also lists a top-level `jobs`, which the
 * schema of the snapshot we follow does not allow; it is left out.)
 */
const CONTAINERS = ['services.*', 'services.*.pre_start.*'];
const SERVICES = ['services.*'];

export const COMPOSE_TYPE_CASTS: readonly TypeCast[] = [
  ...at(['networks.*'], toBoolean, 'external', 'internal', 'attachable', 'enable_ipv4', 'enable_ipv6'),
  ...at(['volumes.*', 'secrets.*', 'configs.*'], toBoolean, 'external'),

  ...at(CONTAINERS, toInt64, 'cpu_count', 'cpu_period', 'cpu_quota', 'cpu_rt_period', 'cpu_rt_runtime', 'cpu_shares', 'oom_score_adj', 'pids_limit'),
  ...at(CONTAINERS, toFloat, 'cpu_percent'),
  ...at(CONTAINERS, toFloat32, 'cpus'),
  ...at(CONTAINERS, toBoolean, 'init', 'oom_kill_disable', 'privileged', 'read_only', 'volumes.[].read_only', 'volumes.[].volume.nocopy'),
  ...at(CONTAINERS, toInt, 'ulimits.*', 'ulimits.*.hard', 'ulimits.*.soft'),

  ...at(SERVICES, toBoolean, 'depends_on.*.required', 'depends_on.*.restart', 'healthcheck.disable', 'stdin_open', 'tty'),
  ...at(SERVICES, toInt, 'healthcheck.retries', 'ports.[].target', 'scale'),
  ...at(SERVICES, toInt, 'deploy.replicas', 'deploy.update_config.parallelism', 'deploy.rollback_config.parallelism'),
  ...at(SERVICES, toInt, 'deploy.restart_policy.max_attempts', 'deploy.placement.max_replicas_per_node'),
  ...at(SERVICES, toFloat, 'deploy.update_config.max_failure_ratio', 'deploy.rollback_config.max_failure_ratio'),
];

/**
 * The cast for a value's path (keys joined by `.`, list items as `[]`). As in
 * compose-go, the joined path is split on every `.`, so a key containing a dot
 * (a service named `web.1`) makes the path longer and matches no pattern.
 */
/** Patterns split once and indexed by their last segment: castFor runs for every string value. */
const indexes = new WeakMap<readonly TypeCast[], Map<string, { parts: string[]; cast: Cast }[]>>();

function indexOf(casts: readonly TypeCast[]): Map<string, { parts: string[]; cast: Cast }[]> {
  let index = indexes.get(casts);
  if (!index) {
    index = new Map();
    for (const { path, cast } of casts) {
      const parts = path.split('.');
      const last = parts[parts.length - 1];
      const bucket = index.get(last) ?? [];
      bucket.push({ parts, cast });
      index.set(last, bucket);
    }
    indexes.set(casts, index);
  }
  return index;
}

export function castFor(path: string, casts: readonly TypeCast[] = COMPOSE_TYPE_CASTS): Cast | undefined {
  return castAt(path.split('.'), casts);
}

/** castFor of a path as its keys (list items as `[]`): a key holding a dot is split as castFor splits it. */
export function castAt(keys: readonly string[], casts: readonly TypeCast[] = COMPOSE_TYPE_CASTS): Cast | undefined {
  const index = indexOf(casts);
  const parts = keys.some((key) => key.includes('.')) ? keys.join('.').split('.') : keys;
  const matches = ({ parts: wanted }: { parts: string[] }) => wanted.length === parts.length && wanted.every((part, i) => part === '*' || part === parts[i]);
  // The patterns ending in this key, then those ending in `*`: no list made for each value.
  return (index.get(parts[parts.length - 1])?.find(matches) ?? index.get('*')?.find(matches))?.cast;
}
