import { pathToFileURL } from 'node:url';
import type { Finding, RuleMeta, Severity } from '@composure/core';
import { ruleDoc, rulesById } from '@composure/rules';
import { FINGERPRINT_KEY, fingerprints } from './fingerprint.js';
import { isInside, relativePath, repositoryRoot } from './paths.js';
import type { AsyncFormatter, CheckDescription, FileReport, FormatContext } from './report.js';
import { TOOL } from './tool.js';

/**
 * SARIF 2.1.0 (OASIS), as GitHub code scanning reads it (github/codeql-action/upload-sarif):
 * one run; the metadata of every rule that appears, with its doc page as help; files
 * relative to the repository root under %SRCROOT%; stable partialFingerprints; findings
 * excluded by the configuration or by a directive carried as suppressions.
 * The offending source text is never copied in (no region snippet): it may hold a secret.
 */

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** The paragraphs under a doc page's `## Why`, as one plain text (a rule's fullDescription). */
export function whySection(doc: string): string | undefined {
  const match = /^## Why[ \t]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(doc);
  const text = match?.[1]
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
  return text || undefined;
}

function checkDescriptor(id: string, check: CheckDescription): Record<string, unknown> {
  return {
    id,
    name: id,
    shortDescription: { text: check.description },
    fullDescription: { text: check.description },
    helpUri: check.helpUri,
    help: { text: `${check.description}\n\nDocumentation: ${check.helpUri}` },
    defaultConfiguration: { level: LEVEL[check.severity] },
    properties: { tags: check.tags },
  };
}

async function ruleDescriptor(id: string, checks?: FormatContext['checks']): Promise<Record<string, unknown>> {
  const check = checks?.get(id);
  if (check) return checkDescriptor(id, check);
  const meta: RuleMeta | undefined = rulesById.get(id)?.meta;
  if (!meta) {
    // Only a directive naming a rule that does not exist reports under an unknown id.
    const text = `"${id}" is not a composure rule: an inline directive names it, and so switches nothing off.`;
    return { id, name: id, shortDescription: { text }, fullDescription: { text }, help: { text }, defaultConfiguration: { level: 'warning' } };
  }
  const doc = await ruleDoc(id);
  const why = doc === undefined ? undefined : whySection(doc);
  return {
    id,
    name: id,
    shortDescription: { text: meta.description },
    fullDescription: { text: why ?? meta.description },
    helpUri: meta.docsUrl,
    help: {
      text: `${meta.description}${why ? `\n\n${why}` : ''}\n\nDocumentation: ${meta.docsUrl}`,
      ...(doc === undefined ? {} : { markdown: doc }),
    },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: [meta.category] },
  };
}

/** A URI reference for a file: relative to the repository root under %SRCROOT%, or an absolute file URI outside it. */
function artifactLocation(file: string, root: string, rootUri: string): Record<string, string> {
  const uri = pathToFileURL(file).href;
  if (isInside(relativePath(root, file)) && uri.startsWith(rootUri)) {
    // A colon in the first segment would read as a URI scheme.
    return { uri: uri.slice(rootUri.length).replace(/:/g, '%3A'), uriBaseId: SRCROOT };
  }
  return { uri };
}

function result(f: Finding, ruleIndex: number, fingerprint: string, root: string, rootUri: string): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(f.file, root, rootUri),
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    ...(f.suppressed
      ? { suppressions: [{ kind: f.suppressed.kind, ...(f.suppressed.justification === undefined ? {} : { justification: f.suppressed.justification }) }] }
      : {}),
  };
}

async function sarif(reports: readonly FileReport[], context: FormatContext): Promise<string> {
  const root = repositoryRoot(context.cwd);
  // Directory URIs end with a slash: relative references resolve inside them (SARIF §3.14.14).
  const rootUri = pathToFileURL(root).href.replace(/\/?$/, '/');
  const findings = reports.flatMap((r) => r.findings);
  const prints = fingerprints(findings, root, context.source);
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const errors = context.errors ?? [];
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            version: TOOL.version,
            semanticVersion: TOOL.version,
            informationUri: TOOL.informationUri,
            rules: await Promise.all(ruleIds.map((id) => ruleDescriptor(id, context.checks))),
          },
        },
        invocations: [
          {
            executionSuccessful: errors.length === 0,
            ...(errors.length === 0 ? {} : { toolExecutionNotifications: errors.map((text) => ({ level: 'error', message: { text } })) }),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f, i) => result(f, ruleIndex.get(f.ruleId)!, prints[i], root, rootUri)),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

export const formatSarif: AsyncFormatter = Object.assign(sarif, { suppressions: true });
