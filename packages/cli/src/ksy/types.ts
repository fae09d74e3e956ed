/**
 * `stride ksy types FORMAT.ksy [-o FILE]`: the TypeScript declarations of the values a description
 * decodes to (@stride/ksy's typeDeclarations), on standard output or into FILE. Exit status 0
 * written, 2 usage, an unreadable file or a .ksy that is not valid, 3 the output could not be
 * written.
 */
import { writeFile } from 'node:fs/promises';
import { typeDeclarations } from '@stride/ksy';
import { parseFileArgs, reason } from '../input.js';
import { type CommandIo, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, UsageError } from '../io.js';
import { loadFormat } from './format.js';

export const typesUsage = 'usage: stride ksy types [-o FILE] FORMAT.ksy';

export const typesHelp = `${typesUsage}

Writes the TypeScript declarations (a .d.ts) of the objects FORMAT.ksy decodes to: an interface
per type, its seq fields and instances by their .ksy ids, enums as their integer values. Imports
are read from FORMAT.ksy's directory.

  FORMAT.ksy       the description
  -o, --output F   write the declarations to the file F (default: standard output)
  -h, --help       print this help

Exit status: 0 written, 2 usage error, unreadable file or invalid .ksy, 3 the output could not be
written.
`;

export async function types(args: readonly string[], io: CommandIo): Promise<number> {
  let output: string | undefined;
  const file = parseFileArgs(args, typesUsage, (name, value) => {
    if (name !== '-o' && name !== '--output') return false;
    output = value();
    if (output === undefined) throw new UsageError(`${name} needs a file name`, typesUsage);
    return true;
  });
  if (file === undefined) {
    io.stdout.write(typesHelp);
    return EXIT_OK;
  }
  const format = await loadFormat(file, io, typesUsage);
  if (format === undefined) return EXIT_USAGE;
  const text = typeDeclarations(format);
  if (output === undefined) {
    io.stdout.write(text);
    return EXIT_OK;
  }
  try {
    await writeFile(output, text);
  } catch (e) {
    io.stderr.write(`stride: cannot write ${output}: ${reason(e)}\n`);
    return EXIT_OUTPUT;
  }
  return EXIT_OK;
}
