// @stride/mqtt/rx: mqttPackets() is the MqttReader as an operator, a reader per subscription:
// packets as their last byte arrives in any chunking, the version from a client's CONNECT, and a
// fault after every packet before it.
import { DecodeError } from '@stride/codec';
import { encodePacket, type MqttPacket } from '@stride/mqtt';
import { mqttPackets } from '@stride/mqtt/rx';
import { from, lastValueFrom, type Observable, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';

const all = <T>(o: Observable<T>) => lastValueFrom(o.pipe(toArray()));
const pieces = (b: Uint8Array, n: number) =>
  Array.from({ length: Math.ceil(b.length / n) }, (_, i) => b.subarray(i * n, (i + 1) * n));

const packets: MqttPacket[] = [
  {
    type: 'CONNECT',
    protocolName: 'MQTT',
    protocolVersion: 4,
    cleanStart: true,
    keepAlive: 30,
    clientId: 'rx',
  },
  {
    type: 'PUBLISH',
    dup: false,
    qos: 1,
    retain: false,
    topic: 'a/b',
    packetId: 1,
    payload: new Uint8Array([1, 2]),
  },
  { type: 'PINGREQ' },
];
const bytes = new Uint8Array(Buffer.concat(packets.map((p) => encodePacket(p, 4))));

describe('mqttPackets', () => {
  it("reads a 3.1.1 client's packets in every chunking, a fresh reader per subscription", async () => {
    const operator = mqttPackets({ from: 'client' });
    for (const n of [1, 2, 5, 1000])
      expect(await all(from(pieces(bytes, n)).pipe(operator))).toEqual(packets);
  });

  it('delivers the packets before a fault, then the fault', async () => {
    const seen: MqttPacket[] = [];
    const bad = new Uint8Array(Buffer.concat([bytes, Buffer.from('3600', 'hex')]));
    const error = await new Promise<unknown>((resolve) => {
      from(pieces(bad, 3))
        .pipe(mqttPackets({ from: 'client' }))
        .subscribe({ next: (p) => seen.push(p), error: resolve, complete: () => resolve(undefined) });
    });
    expect(seen).toEqual(packets);
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError<string>).code).toBe('MALFORMED_PACKET');
    expect((error as DecodeError<string>).offset).toBe(bytes.length);
  });
});
