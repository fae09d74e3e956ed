/**
 * The command lines of `stride ksy decode` and `kst`: a fixed list of operands (FORMAT.ksy FILE;
 * SPEC_DIR FORMATS_DIR SRC_DIR) and options before, between or after them, with the rules of
 * input.ts's parseFileArgs (which takes one FILE): `--` ends the options, `-` is an operand,
 * `--name=value` works.
 */
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
  const operands: string[] = [];
  let optionsDone = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (optionsDone || a === '-' || !a.startsWith('-')) operands.push(a);
    else if (a === '--') optionsDone = true;
    else if (a === '-h' || a === '--help') return undefined;
    else {
      const eq = a.startsWith('--') ? a.indexOf('=') : -1;
      let taken = false;
      const value = () => {
        taken = true;
        return eq < 0 ? args[++i] : a.slice(eq + 1);
      };
      if (!option(eq < 0 ? a : a.slice(0, eq), value) || (eq >= 0 && !taken))
        throw new UsageError(`unknown option ${a}`, usage);
    }
  }
  const missing = names[operands.length];
  if (missing !== undefined) throw new UsageError(`missing ${missing}`, usage);
  if (operands.length > names.length)
    throw new UsageError(`too many operands (also given: ${operands.slice(names.length).join(' ')})`, usage);
  return operands;
}
