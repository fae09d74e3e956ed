// The guide tour (examples/memoryview/guide.ts, run by `pnpm demo`): it runs every example,
// and each example also runs on its own, as a script, the way the README tells users to.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { examples, main } from '../../../../examples/memoryview/guide.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const tsxCli = fileURLToPath(new URL('../../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

function transcript(run: (print: (line: string) => void) => void): string[] {
  const lines: string[] = [];
  run((line) => lines.push(line));
  return lines;
}

describe('the guide tour', () => {
  const lines = transcript(main);

  it('has a heading per example, numbered in order', () => {
    const headings = lines.filter((line) => /^\d+\. /.test(line));
    expect(headings).toEqual(examples.map((e, i) => `${i + 1}. ${e.title}`));
    expect(examples).toHaveLength(5);
  });

  it('shows each result the way Python prints it', () => {
    const after = (python: string) => lines[lines.findIndex((l) => l.startsWith(`>>> ${python} `)) + 1];
    expect(after('mv[1:4].tobytes()')).toBe("b'bce'");
    expect(after('mv.readonly')).toBe('True');
    expect(after("mv[7:9] = b'was'")).toBe(
      'ValueError: memoryview assignment: lvalue and rvalue have different structures',
    );
    expect(after('mv.tolist()')).toBe('[1, 20, 30, 4, 5]');
    expect(after('mv.format, mv.itemsize, mv.nbytes')).toBe("('i', 4, 20)");
    expect(after('list(pixels)')).toBe('[0, 255, 255, 255, 0, 255, 255, 255, 0]');
    expect(after('rgb.shape, rgb.strides')).toBe('((4, 3), (4, 1))');
    expect(after('view.nbytes')).toBe('8000000');
    // Measured, so allow for the heap's own movements (the precise checks are in memory-savings.test.ts).
    expect(after('sys.getsizeof(copy)  # 8000057')).toMatch(/^(7\.9\d|8\.\d\d) MB$/);
    expect(after('sys.getsizeof(view)  # 184')).toMatch(/^\d{1,3} bytes$/);
  });

  it('prints every Python step with the Stride call beside it', () => {
    const steps = lines.flatMap((l, i) => (l.startsWith('>>> ') ? [`${l}\n${lines[i + 1]}`] : []));
    expect(steps.length).toBeGreaterThan(30);
    for (const step of steps) expect(step).toMatch(/^>>> .+ # \S|^>>> .+\n +# \S/);
  });
});

describe('the examples run as scripts', () => {
  const scripts = [
    ['', 'guide'],
    ['', 'byte-access'],
    ['', 'modify-in-place'],
    ['', 'int-array'],
    ['', 'invert-colors'],
    ['', 'memory-savings'],
    ['--expose-gc ', 'memory-savings'],
  ];

  it.each(scripts)('npx tsx %s--conditions=@stride/source examples/memoryview/%s.ts', async (flags, name) => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        tsxCli,
        ...flags.split(' ').filter(Boolean),
        '--conditions=@stride/source',
        `examples/memoryview/${name}.ts`,
      ],
      { cwd: root, timeout: 60_000 },
    );
    expect(stderr).toBe('');
    const title = name === 'guide' ? /^Stride memoryview/ : /^[A-Z].+\n-+\n>>> /;
    expect(stdout).toMatch(title);
    expect(stdout).not.toMatch(/expected an exception/);
  });
});
