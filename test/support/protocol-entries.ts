// The entries of a protocol package with a client (@stride/redis, @stride/mqtt): the root entry is
// the protocol core, its module graph importing neither rxjs nor @stride/rx nor node:net, so it runs
// wherever bytes come from; the `rx` and `client` entries use them (rxjs and @stride/rx are optional
// peer dependencies). `packageDir` is the package's folder URL (`new URL('../', import.meta.url)`).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packagesImported } from './module-graph.js';

const optional = (p: string) =>
  p === 'rxjs' || p.startsWith('rxjs/') || p === '@stride/rx' || p === 'node:net';

export function describeProtocolEntries(name: string, packageDir: URL): void {
  const src = fileURLToPath(new URL('src/', packageDir));
  describe(`${name} entries`, () => {
    it('the root entry reaches neither rxjs, @stride/rx nor node:net', () => {
      const packages = [...packagesImported(resolve(src, 'index.ts'))];
      expect(packages).toContain('@stride/codec'); // the walk does reach the package's imports
      expect(packages.filter(optional)).toEqual([]);
    });

    it('the rx entry uses rxjs and @stride/rx; the client entry rxjs and node:net', () => {
      const rx = packagesImported(resolve(src, 'rx/index.ts'));
      expect(rx.has('rxjs')).toBe(true);
      expect(rx.has('@stride/rx')).toBe(true);
      const client = packagesImported(resolve(src, 'client/index.ts'));
      expect(client.has('rxjs')).toBe(true);
      expect(client.has('node:net')).toBe(true);
    });

    it('package.json maps ./rx and ./client and lists rxjs and @stride/rx as optional peers only', () => {
      const pkg = JSON.parse(readFileSync(new URL('package.json', packageDir), 'utf8'));
      for (const entry of ['rx', 'client']) {
        expect(pkg.exports[`./${entry}`]).toEqual({
          '@stride/source': `./src/${entry}/index.ts`,
          types: `./dist/${entry}/index.d.ts`,
          default: `./dist/${entry}/index.js`,
        });
      }
      for (const dep of ['rxjs', '@stride/rx']) {
        expect(pkg.dependencies[dep]).toBeUndefined();
        expect(pkg.peerDependenciesMeta[dep]).toEqual({ optional: true });
      }
    });
  });
}
