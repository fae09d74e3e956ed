/**
 * decodePacket: one captured packet's link, network and transport headers and its payload. Throws
 * a LayerError for a header that cannot be read (see errors.ts); notes what it can decode past in
 * `problems`. Fragments are not decoded past the IP layer: Ipv4Reassembler puts them together.
 */
import type { LayerProblem } from '../errors.js';
import { IpProtocol } from './ip-schemas.js';
import { decodeIpv4 } from './ipv4.js';
import { decodeIpv6 } from './ipv6.js';
import { decodeLink, networkAfter } from './link.js';
import { EtherType } from './link-types.js';
import { decodeTcp, decodeUdp } from './transport.js';
import type { DecodePacketOptions, Network, Packet, Transport } from './types.js';

/** `data[start, end)` as a view: the constructor, as subarray costs twice as much (its species lookup). */
function view(data: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset + start, end - start);
}

/** Decodes the packet `data` captured with link type `linkType` (a LINKTYPE_* number). */
export function decodePacket(linkType: number, data: Uint8Array, options?: DecodePacketOptions): Packet {
  const checksums = options?.checksums === true;
  const problems: LayerProblem[] = [];
  const link = decodeLink(linkType, data, problems);
  const etherType = networkAfter(link, data);
  let network: Network | undefined;
  if (etherType === EtherType.IPV4) network = decodeIpv4(data, link.headerLength, checksums, problems);
  else if (etherType === EtherType.IPV6) network = decodeIpv6(data, link.headerLength, problems);
  if (network === undefined)
    return {
      data,
      link,
      network,
      transport: undefined,
      payload: view(data, link.headerLength, data.length),
      problems,
    };

  let transport: Transport | undefined;
  let start = network.offset + network.headerLength;
  let end = network.end;
  if (!network.fragmented) {
    if (network.protocol === IpProtocol.TCP) {
      transport = decodeTcp(data, start, network, checksums);
      start += transport.headerLength;
    } else if (network.protocol === IpProtocol.UDP) {
      const udp = decodeUdp(data, start, network, checksums, problems);
      transport = udp.layer;
      start += 8;
      end = udp.end;
    }
  }
  return { data, link, network, transport, payload: view(data, start, end), problems };
}
