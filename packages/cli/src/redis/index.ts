/** `stride redis …`: one file per subcommand. */
import { subcommands } from '../subcommands.js';
import { decode, decodeUsage } from './decode.js';

export const redisUsage = decodeUsage;

const redisHelp = `${redisUsage}

Subcommands:
  decode FILE   list the values of one direction of a connection (stride redis decode --help)
`;

export const redis = subcommands(redisUsage, redisHelp, { decode });
