/** `stride pg …`: one file per subcommand. */
import { type CommandIo, EXIT_OK, UsageError } from '../io.js';
import { decode, decodeUsage } from './decode.js';

export const pgUsage = decodeUsage;

const pgHelp = `${pgUsage}

Subcommands:
  decode FILE   list the messages of one direction of a connection (stride pg decode --help)
`;

export function pg(args: readonly string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'decode') return decode(rest, io);
  if (sub === '-h' || sub === '--help') {
    io.stdout.write(pgHelp);
    return Promise.resolve(EXIT_OK);
  }
  throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand ${sub}`, pgUsage);
}
