/** `stride mqtt …`: one file per subcommand. */
import { type CommandIo, EXIT_OK, UsageError } from '../io.js';
import { decode, decodeUsage } from './decode.js';

export const mqttUsage = decodeUsage;

const mqttHelp = `${mqttUsage}

Subcommands:
  decode FILE   list the packets of one direction of a connection (stride mqtt decode --help)
`;

export function mqtt(args: readonly string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'decode') return decode(rest, io);
  if (sub === '-h' || sub === '--help') {
    io.stdout.write(mqttHelp);
    return Promise.resolve(EXIT_OK);
  }
  throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand ${sub}`, mqttUsage);
}
