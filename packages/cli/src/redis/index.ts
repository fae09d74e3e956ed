/** `stride redis …`: one file per subcommand. */
import { type CommandIo, EXIT_OK, UsageError } from '../io.js';
import { decode, decodeUsage } from './decode.js';

export const redisUsage = decodeUsage;

const redisHelp = `${redisUsage}

Subcommands:
  decode FILE   list the values of one direction of a connection (stride redis decode --help)
`;

export function redis(args: readonly string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'decode') return decode(rest, io);
  if (sub === '-h' || sub === '--help') {
    io.stdout.write(redisHelp);
    return Promise.resolve(EXIT_OK);
  }
  throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand ${sub}`, redisUsage);
}
