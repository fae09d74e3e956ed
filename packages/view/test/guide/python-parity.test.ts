// Every Python line the guide prints is replayed in CPython 3.14 (Pyodide), and what Python
// prints must be exactly what the Stride transcript shows for it. This keeps the guide
// honest: the results shown for Stride are the results Python gives.
import { loadPyodide, type PyodideInterface } from 'pyodide';
import { beforeAll, describe, expect, it } from 'vitest';
import { examples } from '../../../../examples/memoryview/guide.js';
import { STRIDE_ONLY } from '../../../../examples/memoryview/repl.js';

interface Step {
  python: string;
  stride: string;
  shown: string;
}

/** Parses an example's transcript: `>>> python   # stride` lines, each followed by its result (if any). */
function steps(run: (print: (line: string) => void) => void): Step[] {
  const out: Step[] = [];
  run((line) => {
    const last = out.at(-1);
    if (line.startsWith('>>> ')) {
      const cut = line.lastIndexOf(' # ');
      if (cut === -1) out.push({ python: line.slice(4), stride: '', shown: '' });
      else out.push({ python: line.slice(4, cut).trim(), stride: line.slice(cut + 3), shown: '' });
    } else if (/^ +# /.test(line) && last && last.stride === '') {
      last.stride = line.trim().slice(2); // a long Python line's Stride call, on the next line
    } else if (!line.startsWith('#') && line !== '') {
      if (last) last.shown += (last.shown ? '\n' : '') + line;
    }
  });
  return out;
}

const REPLAY = `
import json
from array import array
import sys

def replay(sources):
    ns = {'array': array, 'sys': sys}
    shown = []
    for src in sources:
        try:
            try:
                code = compile(src, '<guide>', 'eval')
            except SyntaxError:
                exec(compile(src, '<guide>', 'exec'), ns)
                shown.append('')
                continue
            value = eval(code, ns)
            shown.append('' if value is None else repr(value))
        except Exception as e:
            shown.append(f'{type(e).__name__}: {e}')
    return json.dumps(shown)
`;

let py: PyodideInterface;
let replay: (sources: string[]) => string[];
/** Each example's steps (its main() runs once: the last one measures memory, which takes a moment). */
const transcripts = new Map<(typeof examples)[number], Step[]>();

beforeAll(async () => {
  for (const example of examples) transcripts.set(example, steps(example.main));
  py = await loadPyodide();
  py.runPython(REPLAY);
  const fn = py.globals.get('replay');
  replay = (sources) => JSON.parse(fn(py.toPy(sources)) as string) as string[];
});

describe('the guide matches CPython 3.14', () => {
  it('runs on Python 3.14', () => {
    expect(py.runPython('import sys; sys.version_info[:2]').toJs()).toEqual([3, 14]);
  });

  it.each(examples.map((e) => [e.title, e] as const))('%s', (_title, example) => {
    const all = transcripts.get(example) ?? [];
    const end = all.findIndex((s) => s.python.includes(STRIDE_ONLY));
    // Measurements (sys.getsizeof versus heap growth) are compared in memory-savings.test.ts.
    const replayable = (end === -1 ? all : all.slice(0, end)).filter((s) => !s.stride.startsWith('measured'));
    expect(replayable.length).toBeGreaterThan(3);
    const python = replay(replayable.map((s) => s.python));
    expect(python).toEqual(replayable.map((s) => s.shown));
  });

  it('the lines marked Stride-only are indeed beyond Python: multi-dimensional slicing', () => {
    const strideOnly = [...transcripts.values()].flat().filter((s) => s.python.includes(STRIDE_ONLY));
    expect(strideOnly.length).toBeGreaterThan(0);
    for (const step of strideOnly) {
      const [shown] = replay([
        "px = memoryview(bytearray.fromhex('ff0000ff 00ff0080 0000ffff ffffff00')).cast('B', (4, 4))",
        step.python,
      ]).slice(1);
      expect(shown).toBe('NotImplementedError: multi-dimensional slicing is not implemented');
    }
  });
});
