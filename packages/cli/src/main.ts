/** The `stride` process: runs the command on this process's streams and sets the exit status. */
import { run } from './index.js';

// A reader that stops early (`stride png inspect x.png | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

try {
  process.exitCode = await run(process.argv.slice(2), process);
} catch (e) {
  process.stderr.write(
    `stride: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exitCode = 70;
}
