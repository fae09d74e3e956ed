/**
 * The command lines of `stride ksy decode` and `kst`: a fixed list of operands (FORMAT.ksy FILE;
 * SPEC_DIR FORMATS_DIR SRC_DIR) and options before, between or after them, read by input.ts's
 * parseArgs.
 */
import { parseArgs } from '../input.js';
import { UsageError } from '../io.js';

/**
 * The operands `names` asks for, in order; `option(name, value)` takes each option as for
 * parseFileArgs. Undefined: help was asked for.
 */
export function parseOperands(
  args: readonly string[],
  names: readonly string[],
  usage: string,
  option: (name: string, value: () => string | undefined) => boolean,
): string[] | undefined {
  const operands = parseArgs(args, usage, option);
  if (operands === undefined) return undefined;
  const missing = names[operands.length];
  if (missing !== undefined) throw new UsageError(`missing ${missing}`, usage);
  if (operands.length > names.length)
    throw new UsageError(`too many operands (also given: ${operands.slice(names.length).join(' ')})`, usage);
  return operands;
}
