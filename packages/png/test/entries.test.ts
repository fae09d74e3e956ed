// The root entry is the PNG core: its module graph (src/index.ts and every module it reaches by
// relative imports) imports neither rxjs nor @stride/rx, which are optional peer dependencies that
// only the `@stride/png/rx` entry needs.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));

/** Every module specifier in `code`: static imports and re-exports, side-effect imports, dynamic imports. */
function specifiers(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g))
    found.push(m[1] as string);
  return found;
}

/** The packages the module graph from `entry` imports (bare specifiers), following relative imports. */
function packagesImported(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
      else packages.add(spec);
    }
  };
  visit(entry);
  return packages;
}

describe('@stride/png entries', () => {
  it('the root entry reaches neither rxjs nor @stride/rx', () => {
    const packages = [...packagesImported(resolve(src, 'index.ts'))];
    expect(packages).toContain('@stride/codec'); // the walk does reach the package's imports
    expect(packages.filter((p) => p === 'rxjs' || p.startsWith('rxjs/') || p === '@stride/rx')).toEqual([]);
  });

  it('the rx entry is where they are used', () => {
    const packages = packagesImported(resolve(src, 'rx/index.ts'));
    expect(packages.has('rxjs')).toBe(true);
    expect(packages.has('@stride/rx')).toBe(true);
  });

  it('package.json maps ./rx and lists rxjs and @stride/rx as optional peers only', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.exports['./rx']).toEqual({
      '@stride/source': './src/rx/index.ts',
      types: './dist/rx/index.d.ts',
      default: './dist/rx/index.js',
    });
    for (const name of ['rxjs', '@stride/rx']) {
      expect(pkg.dependencies[name]).toBeUndefined();
      expect(pkg.peerDependenciesMeta[name]).toEqual({ optional: true });
    }
  });
});
