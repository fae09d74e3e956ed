/** `stride ksy …`: one file per subcommand. */
import { subcommands } from '../subcommands.js';
import { decode, decodeUsage } from './decode.js';
import { kst, kstUsage } from './kst.js';
import { types, typesUsage } from './types.js';

export const ksyUsage = `${decodeUsage}\n       ${kstUsage.slice('usage: '.length)}\n       ${typesUsage.slice('usage: '.length)}`;

const ksyHelp = `${ksyUsage}

Subcommands:
  decode FORMAT.ksy FILE     print what a Kaitai Struct description decodes FILE to (stride ksy decode --help)
  kst SPEC_DIR FORMATS_DIR SRC_DIR
                             run Kaitai Struct's .kst test specs (stride ksy kst --help)
  types FORMAT.ksy           write the TypeScript declarations of the decoded objects (stride ksy types --help)
`;

export const ksy = subcommands(ksyUsage, ksyHelp, { decode, kst, types });
