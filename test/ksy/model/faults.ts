// Faulty .ksy sources, each with the KsyError the model must raise (code, YAML path, line and
// column): read by errors.test.ts, which checks the model's verdict, and reference.test.ts, which
// checks that Kaitai's reference compiler refuses each of them too.
import type { KsyErrorCode } from '../../../packages/ksy/src/errors.js';

export interface Fault {
  readonly code: KsyErrorCode;
  readonly path: readonly (string | number)[];
  readonly line?: number;
  readonly column?: number;
  readonly message?: RegExp;
}

/** A name, a whole .ksy source and its fault. */
export type FaultCase = readonly [name: string, source: string, fault: Fault];

/** A .ksy with one field (`field`, YAML lines indented under `- `) in `seq` after `meta`. */
export function oneField(field: string, meta = 'endian: le'): string {
  return `meta:\n  id: t\n  ${meta}\nseq:\n  - ${field.trim().split('\n').join('\n    ')}\n`;
}

const TOP: FaultCase[] = [
  ['bad YAML', 'meta:\n  id: [a\n', { code: 'BAD_YAML', path: [], line: 3, column: 1 }],
  ['a duplicate key', 'meta:\n  id: a\n  id: b\n', { code: 'BAD_YAML', path: [], line: 3, column: 3 }],
  ['not a mapping', '- a\n- b\n', { code: 'BAD_YAML', path: [], line: 1, column: 1 }],
  ['no meta', 'seq: []\n', { code: 'MISSING_KEY', path: ['meta'], line: 1, column: 1 }],
  ['no meta/id', 'meta:\n  endian: le\n', { code: 'MISSING_KEY', path: ['meta', 'id'], line: 2, column: 3 }],
  [
    'a bad meta/id',
    'meta:\n  id: BadName\n',
    { code: 'BAD_IDENTIFIER', path: ['meta', 'id'], line: 2, column: 7 },
  ],
  [
    'an unknown top key',
    'meta:\n  id: a\nsequence: []\n',
    { code: 'BAD_KEY', path: ['sequence'], line: 3, column: 1 },
  ],
  [
    'an unknown meta key',
    'meta:\n  id: a\n  endianness: le\n',
    { code: 'BAD_KEY', path: ['meta', 'endianness'], line: 3, column: 3 },
  ],
  [
    'a bad endian',
    'meta:\n  id: a\n  endian: middle\n',
    { code: 'BAD_KEY', path: ['meta', 'endian'], line: 3, column: 11 },
  ],
  [
    'a ks-version before 0.6',
    'meta:\n  id: a\n  ks-version: 0.1\n',
    { code: 'BAD_KEY', path: ['meta', 'ks-version'], line: 3, column: 15, message: /0\.10/ },
  ],
  [
    'a malformed ks-version',
    'meta:\n  id: a\n  ks-version: 1.x\n',
    { code: 'BAD_KEY', path: ['meta', 'ks-version'], line: 3, column: 15 },
  ],
];

const FIELDS: FaultCase[] = (
  [
    [
      'an unknown key',
      'id: a\ntype: u1\nsise: 4',
      { code: 'BAD_KEY', path: ['seq', 0, 'sise'], line: 7, column: 5, message: /sise/ },
    ],
    [
      'a key its type does not take',
      'id: a\ntype: u4\nencoding: ASCII',
      { code: 'BAD_KEY', path: ['seq', 0, 'encoding'], line: 7, column: 5 },
    ],
    ['a bad id', 'id: A\ntype: u1', { code: 'BAD_IDENTIFIER', path: ['seq', 0, 'id'], line: 5, column: 9 }],
    [
      'size with size-eos',
      'id: a\nsize: 2\nsize-eos: true',
      { code: 'BAD_COMBINATION', path: ['seq', 0, 'size-eos'], line: 7, column: 15 },
    ],
    [
      'repeat: expr without repeat-expr',
      'id: a\ntype: u1\nrepeat: expr',
      { code: 'BAD_COMBINATION', path: ['seq', 0, 'repeat'], line: 7, column: 13 },
    ],
    [
      'repeat-expr without repeat',
      'id: a\ntype: u1\nrepeat-expr: 2',
      { code: 'BAD_COMBINATION', path: ['seq', 0, 'repeat-expr'], line: 7, column: 18 },
    ],
    [
      'repeat-until with repeat: eos',
      'id: a\ntype: u1\nrepeat: eos\nrepeat-until: _ == 0',
      { code: 'BAD_COMBINATION', path: ['seq', 0, 'repeat-until'], line: 8, column: 19 },
    ],
    [
      'an unknown repeat',
      'id: a\ntype: u1\nrepeat: forever',
      { code: 'BAD_KEY', path: ['seq', 0, 'repeat'], line: 7, column: 13 },
    ],
    ['bytes without a size', 'id: a', { code: 'MISSING_KEY', path: ['seq', 0, 'size'], line: 5, column: 5 }],
    [
      'a string without encoding',
      'id: a\ntype: str\nsize: 2',
      { code: 'MISSING_KEY', path: ['seq', 0, 'encoding'], line: 5, column: 5 },
    ],
    [
      'contents with valid',
      'id: a\ncontents: [1]\nvalid: 1',
      { code: 'BAD_COMBINATION', path: ['seq', 0, 'valid'], line: 7, column: 12 },
    ],
    [
      'enum on a string',
      'id: a\ntype: strz\nencoding: ASCII\nenum: e',
      { code: 'BAD_COMBINATION', path: ['seq', 0, 'enum'], line: 8, column: 11 },
    ],
    [
      'enum on a float',
      'id: a\ntype: f4\nenum: e',
      { code: 'BAD_COMBINATION', path: ['seq', 0, 'enum'], line: 7, column: 11 },
    ],
    [
      'contents that are a mapping',
      'id: a\ncontents: {a: 1}',
      { code: 'BAD_KEY', path: ['seq', 0, 'contents'], line: 6, column: 15 },
    ],
    [
      'contents with a boolean',
      'id: a\ncontents: [1, true]',
      { code: 'BAD_KEY', path: ['seq', 0, 'contents', 1], line: 6, column: 19 },
    ],
    [
      'a terminator past a byte',
      'id: a\nterminator: 300',
      { code: 'BAD_KEY', path: ['seq', 0, 'terminator'], line: 6, column: 17 },
    ],
    [
      'contents out of range',
      'id: a\ncontents: [1, 256]',
      { code: 'BAD_KEY', path: ['seq', 0, 'contents', 1], line: 6, column: 19 },
    ],
    [
      'valid in-enum false',
      'id: a\ntype: u1\nvalid:\n  in-enum: false',
      { code: 'BAD_KEY', path: ['seq', 0, 'valid', 'in-enum'], line: 8, column: 16 },
    ],
    [
      'an empty valid',
      'id: a\ntype: u1\nvalid: {}',
      { code: 'MISSING_KEY', path: ['seq', 0, 'valid'], line: 7, column: 12 },
    ],
    [
      'a bad process',
      'id: a\nsize: 2\nprocess: Xor(1)',
      { code: 'BAD_KEY', path: ['seq', 0, 'process'], line: 7, column: 14 },
    ],
    [
      'xor without its key',
      'id: a\nsize: 2\nprocess: xor()',
      { code: 'BAD_KEY', path: ['seq', 0, 'process'], line: 7, column: 14 },
    ],
    [
      'process on an unsized user type',
      'id: a\ntype: b\nprocess: zlib',
      { code: 'BAD_COMBINATION', path: ['seq', 0, 'process'], line: 7, column: 14 },
    ],
    [
      'a bad type name',
      'id: a\ntype: Foo',
      { code: 'BAD_KEY', path: ['seq', 0, 'type'], line: 6, column: 11 },
    ],
    [
      'a switch without cases',
      'id: a\ntype:\n  switch-on: 1',
      { code: 'MISSING_KEY', path: ['seq', 0, 'type', 'cases'], line: 7, column: 7 },
    ],
    [
      'a type that is a list',
      'id: a\ntype: [u1]',
      { code: 'BAD_KEY', path: ['seq', 0, 'type'], line: 6, column: 11 },
    ],
    [
      'an integer without byte order',
      'id: a\ntype: u4',
      { code: 'MISSING_KEY', path: ['seq', 0, 'type'], line: 6, column: 11 },
      'title: no endian',
    ],
    [
      'a type that names nothing',
      'id: a\ntype: nothing',
      { code: 'UNKNOWN_NAME', path: ['seq', 0, 'type'], line: 5, column: 5, message: /nothing/ },
    ],
  ] satisfies [string, string, Fault, string?][]
).map(([name, field, fault, meta]) => [name, oneField(field, meta), fault]);

const MEMBERS: FaultCase[] = [
  [
    'the same id twice in a type',
    'meta:\n  id: t\nseq:\n  - id: a\n    type: u1\ninstances:\n  a:\n    value: 1\n',
    { code: 'BAD_IDENTIFIER', path: ['instances', 'a'], line: 8, column: 5 },
  ],
  [
    'a value instance with a key only parse instances take',
    'meta:\n  id: t\ninstances:\n  v:\n    value: 1\n    pos: 0\n',
    { code: 'BAD_KEY', path: ['instances', 'v', 'pos'], line: 6, column: 5 },
  ],
  [
    'an enum on a parameter that is not an integer',
    'meta:\n  id: t\nparams:\n  - id: p\n    type: str\n    enum: e\n',
    { code: 'BAD_COMBINATION', path: ['params', 0, 'enum'], line: 6, column: 11 },
  ],
  [
    'a bad parameter type',
    'meta:\n  id: t\nparams:\n  - id: p\n    type: u4le\n',
    { code: 'BAD_KEY', path: ['params', 0, 'type'], line: 5, column: 11 },
  ],
  [
    'an enum that names nothing, in a nested type',
    'meta:\n  id: t\ntypes:\n  n:\n    seq:\n      - id: a\n        type: u1\n        enum: x::e\n',
    { code: 'UNKNOWN_NAME', path: ['types', 'n', 'seq', 0, 'enum'], line: 6, column: 9 },
  ],
];

const ENUMS: FaultCase[] = (
  [
    [
      'a key that is not an integer',
      'e:\n    one: a',
      { code: 'BAD_KEY', path: ['enums', 'e', 'one'], line: 5, column: 5 },
    ],
    [
      'a member id twice',
      'e:\n    1: a\n    2: a',
      { code: 'BAD_IDENTIFIER', path: ['enums', 'e', '2'], line: 6, column: 8 },
    ],
    [
      'a value twice',
      "e:\n    '1': a\n    0x1: b",
      { code: 'BAD_KEY', path: ['enums', 'e', '0x1'], line: 6, column: 5 },
    ],
    [
      'a bad member id',
      'e:\n    1: Dog',
      { code: 'BAD_IDENTIFIER', path: ['enums', 'e', '1'], line: 5, column: 8 },
    ],
    [
      'a member key it lacks',
      'e:\n    1:\n      id: a\n      name: b',
      { code: 'BAD_KEY', path: ['enums', 'e', '1', 'name'], line: 7, column: 7 },
    ],
  ] satisfies [string, string, Fault][]
).map(([name, body, fault]) => [name, `meta:\n  id: t\nenums:\n  ${body}\n`, fault]);

/** Every faulty source, by the part of the language it breaks. */
export const FAULTS: readonly FaultCase[] = [...TOP, ...FIELDS, ...MEMBERS, ...ENUMS];
