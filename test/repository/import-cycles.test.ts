/**
 * No import cycles anywhere in the repository's TypeScript, type-only imports included (a cycle
 * through types still ties two modules together), found by dependency-cruiser over every
 * workspace's src/. An import of another workspace (`@composure/core`) is followed into that
 * workspace's src/, so that a cycle between packages is a cycle here too.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-cli.js';
import { tempDirForFile } from '../support/temp-dir.js';

const temp = tempDirForFile('composure-cycles-');

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; workspaces?: string[] };
const WORKSPACES = manifest(ROOT).workspaces!;

/** `@composure/core` → packages/core/src/index.ts, for every workspace with a src/index.ts. */
const ALIASES = Object.fromEntries(
  WORKSPACES.filter((dir) => existsSync(join(ROOT, dir, 'src/index.ts'))).map((dir) => [`${manifest(join(ROOT, dir)).name}$`, join(ROOT, dir, 'src/index.ts')]),
);

/** Each cycle dependency-cruiser finds under `dirs` (relative to `base`), as `a.ts -> b.ts -> a.ts`. */
async function cyclesIn(dirs: string[], base: string): Promise<{ cycles: string[]; modules: string[] }> {
  const previous = process.cwd();
  process.chdir(base);
  try {
    const result = await cruise(
      dirs,
      {
        tsPreCompilationDeps: true,
        tsConfig: { fileName: join(ROOT, 'tsconfig.base.json') },
        doNotFollow: { path: 'node_modules' },
        validate: true,
        ruleSet: { forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } }] },
      },
      { alias: ALIASES },
    );
    if (typeof result.output === 'string') throw new Error('dependency-cruiser answered text, not a result');
    const cycles = result.output.summary.violations.map((v) => [v.from, ...(v.cycle ?? []).map((step) => step.name)].join(' -> '));
    return { cycles, modules: result.output.modules.map((m) => m.source) };
  } finally {
    process.chdir(previous);
  }
}

describe('import cycles', () => {
  it("there are none in any workspace's src/, type-only imports included", async () => {
    const dirs = WORKSPACES.map((dir) => `${dir}/src`);
    const { cycles, modules } = await cyclesIn(dirs, ROOT);
    expect(cycles).toEqual([]);
    // It did look at the code: every workspace's modules, and imports between workspaces followed into their src/.
    for (const dir of dirs)
      expect(
        modules.some((m) => m.startsWith(`${dir}/`)),
        dir,
      ).toBe(true);
    expect(modules).toContain('packages/core/src/index.ts');
    expect(modules.filter((m) => !m.startsWith('node_modules/') && m.includes('/dist/'))).toEqual([]);
  }, 120_000);

  it('finds a cycle, a type-only one too, when there is one', async () => {
    const dir = join(temp(), 'cycle/src');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.ts'), "import { b } from './b.js';\nexport const a = () => b;\n");
    writeFileSync(join(dir, 'b.ts'), "import type { Shape } from './c.js';\nexport const b: Shape = { x: 1 };\n");
    writeFileSync(join(dir, 'c.ts'), "import type { a } from './a.js';\nexport interface Shape { x: number; f?: typeof a }\n");
    const { cycles } = await cyclesIn(['cycle/src'], temp());
    expect(cycles).toEqual(['cycle/src/a.ts -> cycle/src/b.ts -> cycle/src/c.ts -> cycle/src/a.ts']);
  }, 60_000);
});
