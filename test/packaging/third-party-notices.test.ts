/**
 * Every npm package whose code a bundle inlines is named, at its version, in the
 * THIRD-PARTY-NOTICES.txt shipped beside that bundle, with its licence text: the CLI's bundle
 * and chunks, the language server's bundle, the VS Code extension's two bundles. What a bundle
 * inlines is read from esbuild's metafile, which the build writes beside it (<bundle>.meta.json,
 * never shipped); the metafile is checked against the bundle on disk first.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-cli.js';

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { bytes: number }>;
}

const BUNDLES = [
  { dir: 'packages/cli/dist', metafiles: ['composure.meta.json'] },
  { dir: 'packages/language-server/dist', metafiles: ['composure-language-server.meta.json'] },
  { dir: 'extension/dist', metafiles: ['extension.meta.json', 'server.meta.json'] },
];
const RULE = '='.repeat(80);

/** `name version` of every npm package some input of these metafiles lies in. */
function inlinedPackages(metafiles: Metafile[]): Set<string> {
  const found = new Set<string>();
  for (const input of metafiles.flatMap((m) => Object.keys(m.inputs))) {
    // The last node_modules/<name> (or @scope/<name>) of the path is the package the file is in.
    const dir = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
    if (!dir) continue;
    const { name, version } = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as { name: string; version: string };
    found.add(`${name} ${version}`);
  }
  return found;
}

/** The notices file's sections: heading (`name version`), licence, text. */
function sections(notices: string): { heading: string; license: string; text: string }[] {
  const parts = notices.split(`${RULE}\n`);
  const result = [];
  // parts: preamble, then per package "heading\nLicense: …\n" and "\ntext\n".
  for (let i = 1; i < parts.length; i += 2) {
    const [heading, license] = parts[i]!.trimEnd().split('\n');
    result.push({ heading: heading!, license: license!.replace(/^License: /, ''), text: parts[i + 1]!.trim() });
  }
  return result;
}

describe.each(BUNDLES)('$dir/THIRD-PARTY-NOTICES.txt', ({ dir, metafiles }) => {
  it('names every package the bundles inline, each with its licence and licence text, and nothing else', () => {
    const absolute = join(ROOT, dir);
    if (!existsSync(join(absolute, 'THIRD-PARTY-NOTICES.txt'))) throw new Error(`${dir}/THIRD-PARTY-NOTICES.txt is missing: run \`npm run build\` first`);
    expect(
      readdirSync(absolute)
        .filter((file) => file.endsWith('.meta.json'))
        .sort(),
    ).toEqual(metafiles);
    const metas = metafiles.map((file) => JSON.parse(readFileSync(join(absolute, file), 'utf8')) as Metafile);
    // The metafiles describe the bundles on disk (not an older build): every output, at its size.
    for (const meta of metas) {
      for (const [output, { bytes }] of Object.entries(meta.outputs)) expect(statSync(join(ROOT, output)).size, output).toBe(bytes);
    }
    const packages = inlinedPackages(metas);
    expect(packages.size).toBeGreaterThan(5);

    const found = sections(readFileSync(join(absolute, 'THIRD-PARTY-NOTICES.txt'), 'utf8'));
    const vendored = metas.some((meta) => Object.keys(meta.inputs).some((input) => input.startsWith('packages/core/generated/compose-')));
    expect(vendored).toBe(true);
    const schema = 'Compose Specification JSON schema (compose-spec/compose-go schema/compose-spec.json)';
    expect(found.map((s) => s.heading).sort()).toEqual([...packages, schema].sort());
    for (const { heading, license, text } of found) {
      expect(license, heading).toMatch(/^[A-Za-z0-9.+() -]+$/);
      expect(license, heading).not.toBe('UNKNOWN');
      // The shortest licence texts bundled (ISC, MIT) run to several hundred characters.
      expect(text.length, heading).toBeGreaterThan(500);
      expect(text, heading).toMatch(/permission|licen[cs]e|copyright/i);
    }
    const compose = found.find((s) => s.heading === schema)!;
    expect(compose.text).toContain('Apache License');
    expect(compose.text).toContain('The Compose Specification\nCopyright 2020 The Compose Specification Authors');
  });
});
