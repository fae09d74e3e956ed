/** `stride pcap …`: one file per subcommand. */
import { subcommands } from '../subcommands.js';
import { dissect, dissectUsage } from './dissect.js';

export const pcapUsage = dissectUsage;

const pcapHelp = `${pcapUsage}

Subcommands:
  dissect FILE   list the protocol messages of a capture's TCP connections (stride pcap dissect --help)
`;

export const pcap = subcommands(pcapUsage, pcapHelp, { dissect });
