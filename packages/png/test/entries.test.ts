// The root entry is the PNG core: its module graph (src/index.ts and every module it reaches by
// relative imports) imports neither rxjs nor @stride/rx, which are optional peer dependencies that
// only the `@stride/png/rx` entry needs.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packagesImported } from '../../../test/support/module-graph.js';

const src = fileURLToPath(new URL('../src/', import.meta.url));

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
