/** `stride png …`: one file per subcommand. */
import { EXIT_OK, type Io, UsageError } from '../io.js';
import { inspect } from './inspect.js';

export const pngUsage = 'usage: stride png inspect [--json] [--lenient-crc] [--no-image-data] FILE';

const pngHelp = `${pngUsage}

Subcommands:
  inspect FILE   validate a PNG and list its chunks (stride png inspect --help)
`;

export function png(args: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'inspect') return inspect(rest, io);
  if (sub === '-h' || sub === '--help') {
    io.stdout.write(pngHelp);
    return Promise.resolve(EXIT_OK);
  }
  throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand ${sub}`, pngUsage);
}
