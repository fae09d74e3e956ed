#!/usr/bin/env node
// The `stride` command. In the repository (src/main.ts next to this file) it runs the TypeScript
// sources through tsx, so `pnpm exec stride` works on a fresh clone with no build step; a published
// package has only dist/ and imports the compiled entry.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

if (existsSync(main)) {
  // A child node with tsx's ESM loader; `@stride/source` makes the workspace packages resolve to
  // their src/ too. stdio is inherited, so `-` reads this process's standard input.
  const tsx = import.meta.resolve('tsx');
  const child = spawn(
    process.execPath,
    ['--conditions=@stride/source', '--import', tsx, main, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  // Pass signals on to the child (which decides when to stop), and leave as it left.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const relay = (signal) => child.kill(signal);
  for (const s of signals) process.on(s, relay);
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, relay);
    if (signal !== null) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
  child.on('error', (e) => {
    console.error(`stride: cannot start node: ${e.message}`);
    process.exitCode = 2;
  });
} else {
  await import('../dist/main.js');
}
