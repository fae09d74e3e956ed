/**
 * `stride ksy decode FORMAT.ksy FILE [--json]`: decodes FILE (or standard input) with a Kaitai
 * Struct description and prints the decoded tree (tree.ts), or one JSON document (@stride/ksy's
 * toJson). Exit status 0 decoded, 1 a fault in the data (on stderr: code, offset, path; no tree),
 * 2 usage, an unreadable file or a .ksy that is not valid, 3 output failed.
 *
 * A description's parser reads the whole input (as Kaitai's generated parsers do), so the input
 * is read into memory first; the tree's lines are written as they are made, waiting while
 * standard output is full.
 */
import { DecodeError } from '@stride/codec';
import { KsyDecodeError, type KsyObject, toJson } from '@stride/ksy';
import { readPieces } from '../decoding.js';
import { openInput } from '../input.js';
import { type CommandIo, EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../io.js';
import { faultDetail } from '../text.js';
import { parseOperands } from './args.js';
import { loadFormat } from './format.js';
import { treeLines } from './tree.js';

export const decodeUsage = 'usage: stride ksy decode [--json] FORMAT.ksy FILE';

export const decodeHelp = `${decodeUsage}

Decodes FILE with the Kaitai Struct description FORMAT.ksy and prints the decoded tree: a line per
field and instance, \`id: value\`, nested types and array items ([0], [1] …) indented. Imports
are read from FORMAT.ksy's directory (an absolute import /a/b as a/b.ksy there too).

  FORMAT.ksy     the description
  FILE           the bytes, or - for standard input
  --json         print one JSON document: keys the .ksy ids (seq fields, then instances),
                 enums as integers, bytes as lowercase hex, integers past 2^53 as strings
  -h, --help     print this help

Exit status: 0 decoded, 1 a fault in the data (its code, offset and path on standard error), 2
usage error, unreadable file or invalid .ksy, 3 the output could not be written.
`;

const FILE_PIECE = 64 * 1024;
/** Lines of the tree written between waits for standard output. */
const LINES_PER_FLUSH = 1024;

export async function decode(args: readonly string[], io: CommandIo): Promise<number> {
  let json = false;
  const operands = parseOperands(args, ['FORMAT.ksy', 'FILE'], decodeUsage, (name) => {
    if (name !== '--json') return false;
    json = true;
    return true;
  });
  if (operands === undefined) {
    io.stdout.write(decodeHelp);
    return EXIT_OK;
  }
  const [ksy, file] = operands as [string, string];
  const format = await loadFormat(ksy, io, decodeUsage);
  if (format === undefined) return EXIT_USAGE;
  const input = await openInput(file, io.stdin, FILE_PIECE, decodeUsage);
  const pieces: Uint8Array[] = [];
  await readPieces(input, file, decodeUsage, io, (piece) => pieces.push(piece) > 0);
  let object: KsyObject;
  try {
    object = format.decode(Buffer.concat(pieces));
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    const kind = e instanceof KsyDecodeError ? ` (${e.kaitaiName})` : '';
    io.stderr.write(`stride: invalid: ${e.code} at byte ${e.offset}${kind}: ${faultDetail(e)}\n`);
    return EXIT_INVALID;
  }
  if (json) {
    io.stdout.write(`${JSON.stringify(toJson(object))}\n`);
    return EXIT_OK;
  }
  let lines = 0;
  for (const line of treeLines(object)) {
    io.stdout.write(`${line}\n`);
    if (++lines % LINES_PER_FLUSH === 0) {
      await io.stdout.flush();
      if (io.stdout.failed !== undefined) break;
    }
  }
  return EXIT_OK;
}
