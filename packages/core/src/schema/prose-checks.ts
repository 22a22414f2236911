/**
 * Checks for values the Compose schema types as plain strings but the
 * specification (and Docker) restricts in prose: restart policies, network
 * modes, pull policies and the port syntaxes. Reported like schema
 * violations (rule `compose-schema`), at the offending value.
 */
import type { Diagnostic } from '../source/diagnostic.js';
import { get, isMap, isSeq, type MapNode, type Node } from '../source/node.js';
import { closestMatch, didYouMean, formatPath, isUninterpolated, replacementSuggestion, type PathSegment } from './describe.js';
import { isIpAddress, parseExposedPort, parsePortMapping, parsePortRange, parseProtocol } from './port-syntax.js';

const RULE_ID = 'compose-schema';

/** Phrase shared with the schema validator, which checks pull_policy against a (loose) pattern. */
export const PULL_POLICY_EXPECTATION =
  'must be one of: always, never, missing, if_not_present, build, refresh, daily, weekly, every_<duration> (e.g. every_12h)';

/** Says what is wrong with a value, as a phrase following its path (and the value probably meant); undefined when it is fine. */
type Check = (value: string) => string | { problem: string; match?: string } | undefined;

export function checkProse(root: Node): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const services = get(root, 'services');
  if (!isMap(services)) return diagnostics;
  for (const [name, { value: service }] of services.entries) {
    if (isMap(service)) checkService(service, ['services', name], diagnostics);
  }
  return diagnostics;
}

function checkService(service: MapNode, path: PathSegment[], out: Diagnostic[]): void {
  checkEntry(service, 'restart', path, checkRestart, out);
  checkEntry(service, 'network_mode', path, checkNetworkMode, out);
  checkEntry(service, 'pull_policy', path, checkPullPolicy, out);

  const ports = get(service, 'ports');
  if (isSeq(ports)) {
    ports.items.forEach((item, index) => {
      const itemPath = [...path, 'ports', index];
      if (isMap(item)) checkLongPort(item, itemPath, out);
      else checkValue(item, itemPath, checkShortPort, out, { numbers: true });
    });
  }
  const expose = get(service, 'expose');
  if (isSeq(expose)) {
    expose.items.forEach((item, index) => checkValue(item, [...path, 'expose', index], checkExpose, out, { numbers: true }));
  }
}

function checkLongPort(port: MapNode, path: PathSegment[], out: Diagnostic[]): void {
  checkEntry(port, 'mode', path, oneOf(['host', 'ingress']), out);
  checkEntry(port, 'protocol', path, checkLongProtocol, out);
  checkEntry(port, 'host_ip', path, (ip) => (isIpAddress(ip) ? undefined : 'must be an IP address.'), out);
  checkEntry(port, 'target', path, checkTarget, out, { numbers: true });
  checkEntry(port, 'published', path, checkPublished, out, { numbers: true });
}

// ---------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------

const RESTART_POLICIES = ['no', 'always', 'on-failure', 'unless-stopped'];

/** no | always | on-failure[:max-retries] | unless-stopped, as Docker's ParseRestartPolicy accepts. */
function checkRestart(value: string): ReturnType<Check> {
  const [policy, retries] = value.split(/:(.*)/s, 2) as [string, string | undefined];
  if (!RESTART_POLICIES.includes(policy)) {
    return notOneOf(value, 'no, always, on-failure[:max-retries], unless-stopped', RESTART_POLICIES);
  }
  if (retries === undefined) return undefined;
  if (policy !== 'on-failure') return `takes a retry count only with on-failure (on-failure:N), not with ${policy}.`;
  if (!/^\d+$/.test(retries)) return `has an invalid retry count "${retries}": write on-failure:N with N a whole number.`;
  return undefined;
}

/**
 * bridge | host | none | service:NAME | container:NAME, or a network's name: compose-go takes any
 * string and Compose hands it to Docker, which reads every other value as a network name or ID
 * (docker/compose pkg/compose/create.go, defaultNetworkSettings). Only an empty reference is wrong.
 */
function checkNetworkMode(value: string): string | undefined {
  const reference = /^(service|container):(.*)$/s.exec(value);
  return reference && reference[2] === '' ? `must name a ${reference[1]} after "${reference[1]}:".` : undefined;
}

/** The schema's own pattern for pull_policy, unanchored as it is there. */
const SCHEMA_PULL_POLICY = /always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+/u;

const PULL_POLICIES = ['always', 'never', 'missing', 'if_not_present', 'build', 'refresh', 'daily', 'weekly'];

/** The values of a service's keys that the schema types as plain strings and the specification lists in prose (for completion). */
export const SERVICE_PROSE_VALUES: Readonly<Record<string, readonly string[]>> = {
  restart: RESTART_POLICIES,
  pull_policy: PULL_POLICIES,
  network_mode: ['bridge', 'host', 'none'],
};

/**
 * compose-go silently treats an unknown pull_policy as `missing`, so a typo goes unnoticed.
 * `refresh` is in the schema's pattern (with `pull_refresh_after`), so it is accepted here too.
 * Durations are Go durations with days and weeks (xhit/go-str2duration): 12h, 1w2d, 1h30m.
 */
function checkPullPolicy(value: string): ReturnType<Check> {
  if (!SCHEMA_PULL_POLICY.test(value)) return undefined; // the schema validator reports these already
  if (PULL_POLICIES.includes(value)) return undefined;
  if (value.startsWith('every_')) {
    const duration = value.slice('every_'.length);
    if (/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d|w))+$/.test(duration)) return undefined;
    return `has an invalid duration "${duration}" after every_: write it like 12h, 30m or 1w2d.`;
  }
  return {
    problem: `${PULL_POLICY_EXPECTATION}, not ${JSON.stringify(value)}${didYouMean(value, PULL_POLICIES) || '.'}`,
    match: closestMatch(value, PULL_POLICIES),
  };
}

function checkShortPort(value: string): string | undefined {
  const parsed = parsePortMapping(value);
  return parsed.ok ? undefined : `is not a valid port mapping: ${parsed.reason}.`;
}

function checkExpose(value: string): string | undefined {
  const parsed = parseExposedPort(value);
  return parsed.ok ? undefined : `is not a valid port: ${parsed.reason}.`;
}

/** Empty means unspecified (tcp), as in the short syntax. */
function checkLongProtocol(value: string): ReturnType<Check> {
  if (parseProtocol(value).ok) return undefined;
  return notOneOf(value, 'tcp, udp, sctp', ['tcp', 'udp', 'sctp'], value.toLowerCase());
}

/** A single container port. A non-numeric string failed the integer cast during interpolation, which reports it. */
function checkTarget(value: string): string | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  const parsed = parsePortRange(value, 'container');
  return parsed.ok ? undefined : `is not a valid port: ${parsed.reason}.`;
}

function checkPublished(value: string): string | undefined {
  const parsed = parsePortRange(value, 'host');
  return parsed.ok ? undefined : `is not a valid port or range: ${parsed.reason}.`;
}

function oneOf(allowed: readonly string[]): Check {
  return (value) => (allowed.includes(value) ? undefined : notOneOf(value, allowed.join(', '), allowed));
}

/** `must be one of: a, b, not "c"; did you mean "a"?`: the value as written, so the message says what is wrong without the file. */
function notOneOf(value: string, allowed: string, candidates: readonly string[], compared = value): { problem: string; match?: string } {
  return {
    problem: `must be one of: ${allowed}, not ${JSON.stringify(value)}${didYouMean(compared, candidates) || '.'}`,
    match: closestMatch(compared, candidates),
  };
}

// ---------------------------------------------------------------------------
// Plumbing
// ---------------------------------------------------------------------------

interface ValueOptions {
  /** Also check numbers (as their decimal text), for fields the schema lets be numbers. */
  numbers?: boolean;
}

function checkEntry(parent: MapNode, key: string, path: PathSegment[], check: Check, out: Diagnostic[], options: ValueOptions = {}): void {
  const value = get(parent, key);
  if (value) checkValue(value, [...path, key], check, out, options);
}

/**
 * Runs a check on a scalar's text. Other shapes are the schema validator's
 * business; values still holding variables are skipped (their final text is unknown).
 */
function checkValue(node: Node, path: PathSegment[], check: Check, out: Diagnostic[], options: ValueOptions = {}): void {
  if (node.kind !== 'scalar' || !node.loc) return;
  const { value } = node;
  const text = typeof value === 'string' ? value : options.numbers && typeof value === 'number' ? String(value) : undefined;
  if (text === undefined || isUninterpolated(text)) return;
  const result = check(text);
  if (!result) return;
  const { problem, match } = typeof result === 'string' ? { problem: result, match: undefined } : result;
  const suggestions = replacementSuggestion(text, match, node.loc);
  out.push({ ruleId: RULE_ID, severity: 'error', message: `${formatPath(path)} ${problem}`, loc: node.loc, ...(suggestions ? { suggestions } : {}) });
}
