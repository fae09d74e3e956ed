/** `stride pg …`: one file per subcommand. */
import { subcommands } from '../subcommands.js';
import { decode, decodeUsage } from './decode.js';

export const pgUsage = decodeUsage;

const pgHelp = `${pgUsage}

Subcommands:
  decode FILE   list the messages of one direction of a connection (stride pg decode --help)
`;

export const pg = subcommands(pgUsage, pgHelp, { decode });
