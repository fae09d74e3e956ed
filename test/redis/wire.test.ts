// The RESP oracle on hand-written bytes: every RESP2 and RESP3 type, nesting, and the inputs it
// must refuse rather than guess at.
import { describe, expect, it } from 'vitest';
import { command, readReplies } from './support/wire.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const read = (s: string) => readReplies(bytes(s));

describe('command', () => {
  it('is an array of bulk strings, text as UTF-8, bytes as they are', () => {
    expect(Buffer.from(command('SET', 'k', 'é'))).toEqual(
      Buffer.from('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\n\xc3\xa9\r\n', 'latin1'),
    );
    expect(Buffer.from(command('ECHO', new Uint8Array([0, 13, 10, 255])))).toEqual(
      Buffer.from('*2\r\n$4\r\nECHO\r\n$4\r\n\x00\r\n\xff\r\n', 'latin1'),
    );
    expect(Buffer.from(command())).toEqual(Buffer.from('*0\r\n'));
    expect(readReplies(command('GET', ''))).toEqual([[utf8('GET'), new Uint8Array(0)]]);
  });
});

describe('readReplies', () => {
  it('reads the RESP2 types', () => {
    expect(
      read('+OK\r\n-ERR bad thing\r\n:0\r\n:-12\r\n$5\r\nhello\r\n$0\r\n\r\n$-1\r\n*-1\r\n*0\r\n'),
    ).toEqual(['OK', { error: 'ERR bad thing' }, 0, -12, bytes('hello'), new Uint8Array(0), null, null, []]);
    // A bulk string is bytes, CRLF included; only its length says where it ends.
    expect(read('$4\r\na\r\nb\r\n')).toEqual([bytes('a\r\nb')]);
    expect(read('+caf\xc3\xa9\r\n')).toEqual(['café']);
  });

  it('gives integers past 2^53 as bigints', () => {
    expect(read(':9007199254740991\r\n:9007199254740992\r\n:-9223372036854775808\r\n')).toEqual([
      9007199254740991,
      9007199254740992n,
      -9223372036854775808n,
    ]);
  });

  it('reads nested arrays', () => {
    expect(read('*3\r\n:1\r\n*2\r\n+a\r\n$-1\r\n*0\r\n')).toEqual([[1, ['a', null], []]]);
  });

  it('reads the RESP3 types', () => {
    expect(
      read(
        '_\r\n#t\r\n#f\r\n,1.5\r\n,-2\r\n,inf\r\n,-inf\r\n,1e3\r\n(3492890328409238509324850943850943825024385\r\n',
      ),
    ).toEqual([
      null,
      true,
      false,
      1.5,
      -2,
      Infinity,
      -Infinity,
      1000,
      3492890328409238509324850943850943825024385n,
    ]);
    expect(read(',nan\r\n')[0]).toBeNaN();
    expect(read('!21\r\nSYNTAX invalid syntax\r\n=15\r\ntxt:Some string\r\n')).toEqual([
      { error: 'SYNTAX invalid syntax' },
      { format: 'txt', text: 'Some string' },
    ]);
  });

  it('reads maps, sets, pushes and attributes', () => {
    const [map, set, push, attributed, empty] = read(
      '%2\r\n+first\r\n:1\r\n$6\r\nsecond\r\n*1\r\n:2\r\n' +
        '~3\r\n+a\r\n:1\r\n+a\r\n' +
        '>3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n' +
        '|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n*2\r\n:2039123\r\n:9543892\r\n' +
        '%0\r\n',
    );
    expect(map).toEqual(
      new Map<unknown, unknown>([
        ['first', 1],
        [bytes('second'), [2]],
      ]),
    );
    expect(set).toEqual(new Set(['a', 1]));
    expect(push).toEqual({ push: [bytes('message'), bytes('ch'), bytes('hi')] });
    expect(attributed).toEqual({
      attributes: new Map([['key-popularity', new Map([[bytes('a'), 0.19]])]]),
      value: [2039123, 9543892],
    });
    expect(empty).toEqual(new Map());
  });

  it('refuses what is not whole, well-formed RESP', () => {
    const refused: [string, RegExp][] = [
      ['+OK', /without CRLF at byte 1/],
      ['$5\r\nhel\r\n', /5 bytes past the end at byte 0/],
      ['$3\r\nabcd\r\n', /not followed by CRLF at byte 0/],
      ['*2\r\n:1\r\n', /cut short at byte 8/],
      ['?x\r\n', /type byte "\?" at byte 0/],
      [':12a\r\n', /"12a" after the type byte/],
      ['$-2\r\n', /"-2" after the type byte/],
      ['%-1\r\n', /"-1" after the type byte/],
      ['_x\r\n', /a null with content/],
      ['#x\r\n', /"x" after the type byte/],
      ['=3\r\nabc\r\n', /verbatim string without/],
      ['+OK\r\n\r\n', /type byte "\\r" at byte 5/],
    ];
    for (const [input, error] of refused) expect(() => read(input), JSON.stringify(input)).toThrow(error);
  });
});
