import type { Loc } from '@composure/core';

/** What a difference between the running project and its files is about; the JSON report's `kind`. */
export const DRIFT_KINDS = [
  'missing-container',
  'extra-container',
  'extra-attachment',
  'missing-attachment',
  'network-mismatch',
  'address-mismatch',
  'port-mismatch',
  'foreign-container',
] as const;

export type DriftKind = (typeof DRIFT_KINDS)[number];

/** Where drift and its kinds are documented. */
export const DRIFT_DOCS_URL = 'https://github.com/composure-lint/composure/blob/main/docs/cli.md#composure-drift';

/** One sentence per kind: what it means (SARIF's rule descriptions, the docs' table). */
export const DRIFT_KIND_DESCRIPTIONS: Readonly<Record<DriftKind, string>> = {
  'missing-container': 'A service the files declare (and the active profiles enable) has no running container.',
  'extra-container': 'A container of the project belongs to a service the files no longer declare.',
  'extra-attachment': 'A container is connected to a network the files do not attach its service to (docker network connect).',
  'missing-attachment': 'A container is not connected to a network the files attach its service to (docker network disconnect).',
  'network-mismatch':
    "A network's driver, subnet, gateway, internal flag or inter-container traffic differs from the files (it was not recreated after they changed), or it is missing or undeclared.",
  'address-mismatch': "A container's static address or aliases on a network differ from the files.",
  'port-mismatch': 'A container publishes ports other than the files declare, or binds ports they do not declare.',
  'foreign-container': "A container of another Compose project, or of none, is connected to one of the project's networks.",
};

export interface DriftFinding {
  kind: DriftKind;
  /** The service it is about (a container's `com.docker.compose.service` label). */
  service?: string;
  /** The network it is about: its key in the files, or its Docker name when the files do not declare it. */
  network?: string;
  /** One sentence, naming the container and the Docker network where it matters. */
  message: string;
  /** Where in the compose files the thing it is about is written, when it is written anywhere. */
  loc?: Loc;
}

const KIND_ORDER = new Map(DRIFT_KINDS.map((kind, i) => [kind, i]));
const text = (a: string | undefined, b: string | undefined) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/** Kinds in their listed order, then service, network and message: the order every output shows. */
export function compareDrift(a: DriftFinding, b: DriftFinding): number {
  return KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || text(a.service, b.service) || text(a.network, b.network) || text(a.message, b.message);
}
