/** `stride png …`: one file per subcommand. */
import { subcommands } from '../subcommands.js';
import { inspect, inspectUsage } from './inspect.js';

export const pngUsage = inspectUsage;

const pngHelp = `${pngUsage}

Subcommands:
  inspect FILE   validate a PNG and list its chunks (stride png inspect --help)
`;

export const png = subcommands(pngUsage, pngHelp, { inspect });
