/** The `stride` process: runs the command on this process's streams and sets the exit status. */
import { run } from './index.js';

// Output errors are the command's to report (run: one line, exit status 3; quietly for EPIPE, a
// reader that stopped early as `| head` does). These keep a late one from being thrown.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

try {
  process.exitCode = await run(process.argv.slice(2), process);
} catch (e) {
  process.stderr.write(
    `stride: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exitCode = 70;
}
