/**
 * The Docker Engine version a project is judged against: where Docker's networking changed
 * between releases (docs/engine-versions.md), the topology follows the version given by
 * `engine:` in the configuration or `--engine-version`.
 */

export interface EngineVersion {
  major: number;
  minor: number;
  patch: number;
  /** As it is shown: `29.7.2`. */
  text: string;
}

/**
 * The current stable Docker Engine when none is given: 29.7.2, released 2026-08-05
 * (the newest release tag, docker-v29.7.2, of moby/moby; https://docs.docker.com/engine/release-notes/29/).
 */
export const CURRENT_STABLE_ENGINE = '29.7.2';

/** `27`, `27.5`, `28.0.4`, `v28.1.1`, `29.0.0-rc.1` (a pre-release counts as its release); undefined for anything else. */
export function parseEngineVersion(text: string): EngineVersion | undefined {
  const match = /^v?(\d{1,3})(?:\.(\d{1,3}))?(?:\.(\d{1,3}))?(?:[-+][0-9A-Za-z.+-]*)?$/.exec(text.trim());
  if (!match) return undefined;
  const [major, minor, patch] = [match[1], match[2], match[3]].map((part) => Number(part ?? 0));
  return { major, minor, patch, text: `${major}.${minor}.${patch}` };
}

/** The version a front end asks for, or the current stable engine; throws on a version that cannot be read. */
export function engineVersion(text: string | undefined): EngineVersion {
  const version = parseEngineVersion(text ?? CURRENT_STABLE_ENGINE);
  if (!version) throw new Error(`"${text}" is not a Docker Engine version (write it like 27, 28.1 or 29.7.2)`);
  return version;
}

/** The bounds isAtLeast has read: a handful of constants, asked for on every project. */
const bounds = new Map<string, EngineVersion>();

/** Whether `version` is `at` or later (`at` as `28`, `25.0.4`). */
export function isAtLeast(version: EngineVersion, at: string): boolean {
  let bound = bounds.get(at);
  if (!bound) bounds.set(at, (bound = parseEngineVersion(at)!));
  return (version.major - bound.major || version.minor - bound.minor || version.patch - bound.patch) >= 0;
}
