// MqttReader emits MqttPacket, a union that narrows on `type` to each packet's fields.
import type { MqttPacket, MqttReader, Properties, QoS } from '@stride/mqtt';
import { describe, expectTypeOf, it } from 'vitest';

type Emitted<R> = R extends { write(chunk: Uint8Array, emit: (m: infer M) => void): void } ? M : never;

describe('MqttReader types', () => {
  it('emits packets', () => {
    expectTypeOf<Emitted<MqttReader>>().toEqualTypeOf<MqttPacket>();
  });

  it('narrows a packet on its type', () => {
    const p = {} as MqttPacket;
    if (p.type === 'PUBLISH') {
      expectTypeOf(p.qos).toEqualTypeOf<QoS>();
      expectTypeOf(p.payload).toEqualTypeOf<Uint8Array>();
      expectTypeOf(p.packetId).toEqualTypeOf<number | undefined>();
    }
    if (p.type === 'SUBACK') expectTypeOf(p.reasonCodes).toEqualTypeOf<number[]>();
    if (p.type === 'CONNECT')
      expectTypeOf(p.will).toEqualTypeOf<
        { topic: string; payload: Uint8Array; qos: QoS; retain: boolean; properties?: Properties } | undefined
      >();
    // @ts-expect-error a PINGREQ has no packet identifier
    if (p.type === 'PINGREQ') p.packetId;
  });

  it('types properties from the schema: repeatable ones as arrays', () => {
    expectTypeOf<Properties['userProperties']>().toEqualTypeOf<[string, string][] | undefined>();
    expectTypeOf<Properties['subscriptionIdentifiers']>().toEqualTypeOf<number[] | undefined>();
    expectTypeOf<Properties['topicAlias']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Properties['correlationData']>().toEqualTypeOf<Uint8Array | undefined>();
  });
});
