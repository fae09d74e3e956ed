/**
 * The application's side of MQTT, shared by publisher.ts and subscriber.ts: where readings are
 * published (the topic layout) and what a reading is (one @stride/codec schema, which encodes it
 * for the publisher, decodes it for the subscriber and gives both its type). MQTT carries the bytes
 * and knows nothing of them.
 *
 *   npx tsx --conditions=@stride/source examples/mqtt/schema.ts   (a sample reading, its bytes, and back)
 */
import { pathToFileURL } from 'node:url';
import {
  bits,
  bool,
  decode,
  encode,
  type Infer,
  i16be,
  literal,
  string,
  struct,
  transform,
  u8,
  u64beNumber,
} from '@stride/codec';

/** The topics: one per device, `sensors/<device>/reading`; the subscriber takes every device's. */
export const topics = {
  reading: (device: string): string => `sensors/${device}/reading`,
  allReadings: 'sensors/+/reading',
} as const;

/** A sensor reading on the wire: 13 bytes and the device's name. */
export const Reading = struct({
  /** The format's version: a subscriber refuses one it does not know (BAD_CONSTANT). */
  version: literal(u8, 1),
  /** The device's name, up to 255 bytes of UTF-8 after its length. */
  device: string(u8),
  /** When it was taken: milliseconds since 1970 as an unsigned 64-bit integer, a Date in code. */
  at: transform(u64beNumber, { decode: (ms) => new Date(ms), encode: (d: Date) => d.getTime() }),
  /** °C in hundredths on the wire (a signed 16-bit integer: -327.68 to 327.67), a number in code. */
  temperature: transform(i16be, { decode: (c) => c / 100, encode: (t: number) => Math.round(t * 100) }),
  /** One byte of flags; the six spare bits are written as 0 and ignored when read (room for more). */
  flags: transform(bits({ batteryLow: bool, heating: bool, spare: 6 }), {
    decode: ({ batteryLow, heating }) => ({ batteryLow, heating }),
    encode: (f: { batteryLow: boolean; heating: boolean }) => ({ ...f, spare: 0 }),
  }),
});
export type Reading = Infer<typeof Reading>;

export const encodeReading = (r: Reading): Uint8Array => encode(Reading, r);
/** A payload as a reading; a DecodeError (code, offset, field path) for bytes that are not one. */
export const decodeReading = (payload: Uint8Array): Reading => decode(Reading, payload);

/** A reading as one line, the same in the publisher's output and the subscriber's. */
export function describe(r: Reading): string {
  const flags = [r.flags.batteryLow ? 'battery low' : '', r.flags.heating ? 'heating' : ''].filter(Boolean);
  return `${r.device} at ${r.at.toISOString()}: ${r.temperature.toFixed(2)} °C${flags.length > 0 ? `, ${flags.join(', ')}` : ''}`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sample: Reading = {
    version: 1,
    device: 'probe-1',
    at: new Date('2025-01-01T12:00:00Z'),
    temperature: -3.5,
    flags: { batteryLow: false, heating: true },
  };
  const bytes = encodeReading(sample);
  console.log(`${topics.reading(sample.device)}: ${describe(sample)}`);
  console.log(`${bytes.length} bytes: ${Buffer.from(bytes).toString('hex')}`);
  console.log(`decoded: ${describe(decodeReading(bytes))}`);
}
