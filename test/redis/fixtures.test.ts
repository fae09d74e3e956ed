// The fixtures agree with each other and with the capture: tshark's values, in order, cover each
// raw stream with nothing left over (but the empty lines tshark skips), each one's fields re-encode
// to the bytes at its offset, the RESP oracle (support/wire.ts) reads the same values from the raw
// bytes, and make-fixtures.sh makes the same files again from the capture when tshark 4.0 is here.
// Then the dissection reader on the capture's values and on tshark JSON for cases the capture lacks.
import { describe, expect, it } from 'vitest';
import { expectFixturesRemade, TSHARK_40 } from '../support/capture-fixtures.js';
import {
  type Direction,
  FIXTURES,
  normalizePackets,
  readDissection,
  shape,
  streamBytes,
  type TsharkValue,
} from './support/tshark.js';
import { type Reply, readReplies } from './support/wire.js';

const streams = readDissection();
const DIRECTIONS: Direction[] = ['client', 'server'];
const latin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

const concat = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** The bytes a value stands for, from its fields alone. */
function encode(value: TsharkValue): Uint8Array {
  const line = (s: string) => latin1(`${s}\r\n`);
  switch (value.type) {
    case 'simple':
      return line(`+${value.value}`);
    case 'error':
      return line(`-${value.value}`);
    case 'integer':
      return line(`:${value.value}`);
    case 'fragment':
      return line(value.line);
    case 'bulk':
      return value.value === null
        ? line(`$${value.length}`)
        : concat([line(`$${value.length}`), value.value, line('')]);
    case 'array':
      return concat([line(`*${value.length}`), ...(value.value ?? []).map(encode)]);
  }
}

/** The value, and each element of an array, is what the stream holds at its offset. */
function expectAt(bytes: Uint8Array, value: TsharkValue): void {
  expect(bytes.subarray(value.offset, value.offset + value.size), `${value.type} at ${value.offset}`).toEqual(
    encode(value),
  );
  if (value.type === 'array') for (const element of value.value ?? []) expectAt(bytes, element);
}

/**
 * The values in the oracle's plain form. tshark reads a RESP3 aggregate's header as a fragment and
 * its elements as values of their own: a `%N` fragment and the 2N values after it are one map.
 */
function plain(values: readonly TsharkValue[]): Reply[] {
  let at = 0;
  const next = (): Reply => {
    const value = values[at++];
    if (value === undefined) throw new Error('an aggregate with elements missing');
    switch (value.type) {
      case 'array':
        return value.value === null ? null : plain(value.value);
      case 'error':
        return { error: value.value };
      case 'fragment': {
        const map = /^%(\d+)$/.exec(value.line);
        if (!map) throw new Error(`fragment "${value.line}" has no plain form here`);
        return new Map(Array.from({ length: Number(map[1]) }, () => [next(), next()] as [Reply, Reply]));
      }
      default:
        return value.value;
    }
  };
  const out: Reply[] = [];
  while (at < values.length) out.push(next());
  return out;
}

describe('the fixture streams and the dissection agree', () => {
  it('has the six TCP streams of the capture', () => {
    expect(streams.map((s) => s.stream)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  for (const { stream, ...values } of streams) {
    for (const direction of DIRECTIONS) {
      const bytes = streamBytes(stream, direction);
      const seen = values[direction];

      it(`stream ${stream} ${direction}: tshark's values cover the stream, skipping only empty lines`, () => {
        let at = 0;
        for (const value of seen) {
          expect(Buffer.from(bytes.subarray(at, value.offset)).toString('latin1')).toMatch(/^(\r\n)*$/);
          at = value.offset + value.size;
        }
        expect(at).toBe(bytes.length);
      });

      it(`stream ${stream} ${direction}: each value's fields re-encode to the bytes at its offset`, () => {
        for (const value of seen) expectAt(bytes, value);
      });

      // Stream 0's client side is inline commands, which are not RESP values.
      if (stream === 0 && direction === 'client') continue;
      it(`stream ${stream} ${direction}: the RESP oracle reads the same values from the bytes`, () => {
        expect(readReplies(bytes)).toEqual(plain(seen));
      });
    }
  }
});

describe('make-fixtures.sh', () => {
  it.skipIf(!TSHARK_40)(
    'makes the committed fixtures again from the committed capture (needs tshark 4.0)',
    () => {
      expectFixturesRemade(FIXTURES, 'redis-resp.pcapng');
    },
  );
});

describe('the dissection reader', () => {
  const [pipe, rpush, lrange, unknown, hgetall, config] = streams;
  const v = (n: number) => 'v'.repeat(n);

  it("reads redis-cli --pipe's 50 inline SET/GET pairs, its ECHO marker and the replies", () => {
    const commands = Array.from({ length: 50 }, (_, i) => [
      `SET key:${i + 1} ${v(i + 1)}`,
      `GET key:${i + 1}`,
    ]);
    expect(pipe?.client.slice(0, 100).map(shape)).toEqual(
      commands.flat().map((line) => ({ type: 'fragment', line })),
    );
    const echo = pipe?.client[100];
    expect(echo).toMatchObject({ type: 'array', code: '*', offset: 2509, size: 41 });
    const [name, marker] = echo?.type === 'array' ? (echo.value ?? []) : [];
    expect(name && shape(name)).toEqual({ type: 'bulk', value: latin1('ECHO') });
    expect(marker).toMatchObject({ type: 'bulk', length: 20 });

    const replies = Array.from({ length: 50 }, (_, i) => [
      { type: 'simple', value: 'OK' },
      { type: 'bulk', value: latin1(v(i + 1)) },
    ]);
    expect(pipe?.server.map(shape)).toEqual([...replies.flat(), marker && shape(marker)]);
    expect(pipe?.server[1]).toEqual({
      type: 'bulk',
      code: '$',
      offset: 5,
      size: 7,
      length: 1,
      value: latin1('v'),
    });
  });

  it('reads commands as arrays of bulk strings, and an integer, an array and an error reply', () => {
    const args = (...words: string[]) => ({
      type: 'array',
      value: words.map((w) => ({ type: 'bulk', value: latin1(w) })),
    });
    expect(rpush?.client.map(shape)).toEqual([args('rpush', 'list', 'a', 'b', 'c')]);
    expect(rpush?.server).toEqual([{ type: 'integer', code: ':', offset: 0, size: 4, value: 3 }]);
    expect(lrange?.client.map(shape)).toEqual([args('lrange', 'list', '0', '-1')]);
    expect(lrange?.server.map(shape)).toEqual([args('a', 'b', 'c')]);
    expect(lrange?.server[0]).toMatchObject({ code: '*', offset: 0, size: 25, length: 3 });
    expect(unknown?.server.map(shape)).toEqual([
      { type: 'error', value: "ERR unknown command 'nosuchcommand', with args beginning with: " },
    ]);
  });

  it("shows RESP3's map headers as fragments, their elements as values of their own", () => {
    expect(hgetall?.client.map(shape)).toEqual([
      { type: 'array', value: ['HELLO', '3'].map((w) => ({ type: 'bulk', value: latin1(w) })) },
      { type: 'array', value: ['hgetall', 'nohash'].map((w) => ({ type: 'bulk', value: latin1(w) })) },
    ]);
    const server = hgetall?.server ?? [];
    expect(server.map((s) => s.code).join('')).toBe('%$$$$$:$:$$$$$*%');
    expect(server[0]).toEqual({ type: 'fragment', code: '%', offset: 0, size: 4, line: '%7' });
    expect(server.at(-1)).toEqual({ type: 'fragment', code: '%', offset: 145, size: 4, line: '%0' });
    expect(config?.server.slice(-3).map(shape)).toEqual([
      { type: 'fragment', line: '%1' },
      { type: 'bulk', value: latin1('maxmemory') },
      { type: 'bulk', value: latin1('0') },
    ]);
  });

  // tshark 4.0's JSON for values the capture does not have (made with text2pcap from the hand-written
  // bytes below, then copied here): null and empty bulk strings and arrays, integers past 2^53 and
  // negative, nested arrays, an empty line (skipped) and a RESP3 null (a fragment).
  const payload =
    '$-1\r\n$0\r\n\r\n*-1\r\n*0\r\n:9007199254740993\r\n:-42\r\n\r\n*2\r\n*1\r\n:1\r\n$-1\r\n_\r\n';
  const resp = {
    'resp.bulk_string_raw': [
      ['242d310d0a', 54, 5, 0, 0],
      ['24300d0a0d0a', 59, 6, 0, 0],
    ],
    'resp.bulk_string': [
      { 'resp.bulk_string.length_raw': ['242d310d0a', 54, 5, 0, 15], 'resp.bulk_string.length': '-1' },
      { 'resp.bulk_string.length_raw': ['24300d0a', 59, 4, 0, 15], 'resp.bulk_string.length': '0' },
    ],
    'resp.array_raw': [
      ['2a2d310d0a', 65, 5, 0, 0],
      ['2a300d0a', 70, 4, 0, 0],
      ['2a320d0a2a310d0a3a310d0a242d310d0a', 101, 17, 0, 0],
    ],
    'resp.array': [
      { 'resp.array.length_raw': ['2a2d310d0a', 65, 5, 0, 19], 'resp.array.length': '-1' },
      { 'resp.array.length_raw': ['2a300d0a', 70, 4, 0, 19], 'resp.array.length': '0' },
      {
        'resp.array.length_raw': ['2a320d0a', 101, 4, 0, 19],
        'resp.array.length': '2',
        'resp.array_raw': ['2a310d0a3a310d0a', 105, 8, 0, 0],
        'resp.array': {
          'resp.array.length_raw': ['2a310d0a', 105, 4, 0, 19],
          'resp.array.length': '1',
          'resp.integer_raw': ['3a310d0a', 109, 4, 0, 19],
          'resp.integer': '1',
        },
        'resp.bulk_string_raw': ['242d310d0a', 113, 5, 0, 0],
        'resp.bulk_string': {
          'resp.bulk_string.length_raw': ['242d310d0a', 113, 5, 0, 15],
          'resp.bulk_string.length': '-1',
        },
      },
    ],
    'resp.integer_raw': [
      ['3a393030373139393235343734303939330d0a', 74, 19, 0, 19],
      ['3a2d34320d0a', 93, 6, 0, 19],
    ],
    'resp.integer': ['9007199254740993', '-42'],
    'resp.fragment_raw': ['5f0d0a', 118, 3, 0, 0],
    'resp.fragment': '',
  };
  const packet = (layers: Record<string, unknown>, tcp: Record<string, unknown> = {}) => ({
    _source: {
      layers: {
        frame: { 'frame.number': '7' },
        tcp: {
          'tcp.srcport': '16379',
          'tcp.stream': '0',
          'tcp.len': String(payload.length),
          'tcp.seq': '101',
          'tcp.payload_raw': [Buffer.from(payload, 'latin1').toString('hex'), 54, payload.length, 0, 30],
          ...tcp,
        },
        ...layers,
      },
    },
  });

  it('maps null and empty values, big and negative integers, nested arrays, and places them', () => {
    const [only] = normalizePackets([packet({ resp })]);
    expect(only?.client).toEqual([]);
    const server = only?.server ?? [];
    expect(server.map(shape)).toEqual([
      { type: 'bulk', value: null },
      { type: 'bulk', value: new Uint8Array(0) },
      { type: 'array', value: null },
      { type: 'array', value: [] },
      { type: 'integer', value: 9007199254740993n },
      { type: 'integer', value: -42 },
      {
        type: 'array',
        value: [
          { type: 'array', value: [{ type: 'integer', value: 1 }] },
          { type: 'bulk', value: null },
        ],
      },
      { type: 'fragment', line: '_' },
    ]);
    // tcp.seq 101: the payload starts at offset 100 of the stream.
    expect(server.map((s) => [s.offset, s.size])).toEqual([
      [100, 5],
      [105, 6],
      [111, 5],
      [116, 4],
      [120, 19],
      [139, 6],
      [147, 17],
      [164, 3],
    ]);
    const nested = server[6];
    expect(nested?.type === 'array' && nested.value?.map((e) => [e.offset, e.size])).toEqual([
      [151, 8],
      [159, 5],
    ]);
    // The oracle reads the same bytes the same way (the empty line aside, which tshark skips).
    expect(readReplies(latin1(payload.replace('\r\n\r\n*2', '\r\n*2')))).toEqual([
      null,
      new Uint8Array(0),
      null,
      [],
      9007199254740993n,
      -42,
      [[1], null],
      null,
    ]);
  });

  it('refuses a field it does not know, a value outside its segment, and reassembled segments', () => {
    expect(() => normalizePackets([packet({ resp: { ...resp, 'resp.verbatim': '' } })])).toThrow(
      /frame 7: tshark field "resp.verbatim" is not mapped/,
    );
    const outside = { ...resp, 'resp.fragment_raw': ['5f0d0a', 120, 3, 0, 0] };
    expect(() => normalizePackets([packet({ resp: outside })])).toThrow(/outside the segment's payload/);
    expect(() => normalizePackets([packet({ resp, 'tcp.segments': {} })])).toThrow(/reassembled segment/);
    expect(() => normalizePackets([packet({ resp }, { 'tcp.segment_data': '00' })])).toThrow(/reassembled/);
  });
});
