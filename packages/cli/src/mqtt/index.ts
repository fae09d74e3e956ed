/** `stride mqtt …`: one file per subcommand. */
import { subcommands } from '../subcommands.js';
import { decode, decodeUsage } from './decode.js';

export const mqttUsage = decodeUsage;

const mqttHelp = `${mqttUsage}

Subcommands:
  decode FILE   list the packets of one direction of a connection (stride mqtt decode --help)
`;

export const mqtt = subcommands(mqttUsage, mqttHelp, { decode });
