/** `stride png …`: one file per subcommand. */
import { type CommandIo, EXIT_OK, UsageError } from '../io.js';
import { inspect, inspectUsage } from './inspect.js';

export const pngUsage = inspectUsage;

const pngHelp = `${pngUsage}

Subcommands:
  inspect FILE   validate a PNG and list its chunks (stride png inspect --help)
`;

export function png(args: readonly string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'inspect') return inspect(rest, io);
  if (sub === '-h' || sub === '--help') {
    io.stdout.write(pngHelp);
    return Promise.resolve(EXIT_OK);
  }
  throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand ${sub}`, pngUsage);
}
