// Hostile bytes: random packets for every link type, and corpus packets with random header bytes
// changed, cut at random. decodePacket returns or throws a LayerError (with an offset inside the
// packet), never anything else; what it returns stays inside the packet, and TCP options, checked
// when the packet is decoded, decode when read without a fault.
import { join } from 'node:path';
import { decodePacket, LayerError, LinkType, type Packet } from '@stride/pcap';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capturePackets } from './support/capture-packets.js';

const LINK_TYPES = [...Object.values(LinkType), 147];
const corpus = capturePackets(join(import.meta.dirname, '../fixtures/dns.pcap'));

/** decodePacket's result, or its LayerError; any other throw fails the property. */
function decodeOrLayerError(linkType: number, data: Uint8Array): Packet | LayerError {
  try {
    const p = decodePacket(linkType, data, { checksums: true });
    expect(p.payload.buffer).toBe(data.buffer);
    expect(p.payload.byteOffset).toBeGreaterThanOrEqual(data.byteOffset);
    expect(p.payload.byteOffset + p.payload.length).toBeLessThanOrEqual(data.byteOffset + data.length);
    // Options checked at decode time decode later without a fault.
    if (p.transport?.type === 'tcp') expect(Array.isArray(p.transport.options)).toBe(true);
    return p;
  } catch (e) {
    if (!(e instanceof LayerError)) throw e;
    expect(e.offset).toBeGreaterThanOrEqual(0);
    expect(e.offset).toBeLessThanOrEqual(data.length);
    return e;
  }
}

describe('hostile packets', () => {
  it('random bytes for every link type: a packet or a LayerError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LINK_TYPES), fc.uint8Array({ maxLength: 120 }), (linkType, bytes) => {
        decodeOrLayerError(linkType, bytes);
      }),
      { numRuns: 3000 },
    );
  });

  it('random IP-looking bytes (version 4 or 6 first) over raw IP', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0x45, 0x46, 0x4f, 0x60),
        fc.uint8Array({ minLength: 19, maxLength: 120 }),
        (first, rest) => {
          decodeOrLayerError(LinkType.RAW, Uint8Array.of(first, ...rest));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('corpus packets with header bytes changed and cut short', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...corpus),
        fc.array(fc.tuple(fc.nat(80), fc.nat(255)), { maxLength: 6 }),
        fc.nat(200),
        (packet, changes, keep) => {
          const bytes = packet.data.slice();
          for (const [at, value] of changes) if (at < bytes.length) bytes[at] = value;
          decodeOrLayerError(packet.linkType, bytes.subarray(0, Math.min(bytes.length, keep)));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
