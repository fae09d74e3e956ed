// Finding the programs the tests run against (Debian's servers and tools) and installing the
// package that holds them when they are missing, as .ci/run does. Test files run in parallel
// workers, so an install holds a lock (flock) and a second worker waiting on it finds the package
// there. Only as root on a machine with apt-get and flock; elsewhere nothing is installed and the
// caller says what to install.

import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `name` in `dirs` (default: /usr/bin, then PATH), or undefined. */
export function findProgram(name: string, dirs: string[] = defaultDirs()): string | undefined {
  return dirs.map((dir) => join(dir, name)).find(executable);
}

function defaultDirs(): string[] {
  return ['/usr/bin', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean)];
}

/**
 * Installs Debian `packages` (`apt-get update`, then `apt-get install`) unless the shell command
 * `installed` succeeds, which is checked again under the lock so that only the first worker installs.
 * Does nothing when not root or without apt-get or flock; throws if the install fails.
 */
export function aptInstall(packages: string[], installed: string): void {
  if (process.getuid?.() !== 0 || !executable('/usr/bin/apt-get') || !executable('/usr/bin/flock')) return;
  const script =
    `(${installed}) >/dev/null 2>&1 || ` +
    `(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')})`;
  execFileSync('/usr/bin/flock', [join(tmpdir(), 'stride-apt.lock'), 'sh', '-c', script], {
    stdio: 'ignore',
    timeout: 600_000,
  });
}
