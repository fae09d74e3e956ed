/** The packages a module graph imports, for the tests that keep optional peers out of a root entry. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Every module specifier in `code`: static imports and re-exports, side-effect imports, dynamic imports. */
function specifiers(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g))
    found.push(m[1] as string);
  return found;
}

/** The packages the module graph from `entry` imports (bare specifiers), following relative imports. */
export function packagesImported(entry: string): Set<string> {
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
