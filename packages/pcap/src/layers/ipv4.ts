/** The IPv4 layer: the header, its options, where the datagram ends, the header checksum. */

import { LayerErrorCode, type LayerProblem, LayerProblemCode } from '../errors.js';
import { sumWords, verdict } from './checksum.js';
import { layerError, truncated } from './faults.js';
import { readIpv4 } from './fixed-headers.js';
import { HeaderReader } from './header-reader.js';
import { type Ipv4Option, ipv4Options } from './ip-schemas.js';
import type { Ipv4Layer } from './types.js';

/** The options of a 20-byte header: one frozen empty list, not one per packet. */
const NO_OPTIONS: readonly Ipv4Option[] = Object.freeze([]);
const options = ipv4Options.map((codec) => new HeaderReader(codec, LayerErrorCode.BAD_OPTION));

/** The IPv4 header at `at` in `data`. */
export function decodeIpv4(
  data: Uint8Array,
  at: number,
  checksums: boolean,
  problems: LayerProblem[],
): Ipv4Layer {
  const first = data[at] ?? 0x45;
  if (first >> 4 !== 4)
    throw layerError(
      LayerErrorCode.BAD_IP_VERSION,
      at,
      'an IPv4 EtherType before another IP version',
      '4',
      `${first >> 4}`,
    );
  if (data.length < at + 20) throw truncated('IPv4 header', at, 20, data);
  const ihl = first & 15;
  if (ihl < 5)
    throw layerError(
      LayerErrorCode.BAD_HEADER_LENGTH,
      at,
      'an IPv4 header shorter than 20 bytes',
      'IHL 5 or more',
      `${ihl}`,
    );
  const headerLength = ihl * 4;
  if (data.length < at + headerLength)
    throw truncated('IPv4 header with its options', at, headerLength, data);
  const header = readIpv4(data, at);
  const opts = ihl > 5 ? (options[ihl] as HeaderReader<Ipv4Option[]>).read(data, at + 20) : NO_OPTIONS;
  const total = header.totalLength;
  let end = at + total;
  let cut = false;
  if (total === 0) {
    end = data.length;
    problems.push({
      code: LayerProblemCode.TOTAL_LENGTH_ZERO,
      offset: at + 2,
      message: 'an IPv4 total length of 0 (segmentation offload?): the data taken to its end',
    });
  } else if (total < headerLength) {
    throw layerError(
      LayerErrorCode.BAD_LENGTH,
      at + 2,
      'an IPv4 total length below its header length',
      `${headerLength} or more`,
      `${total}`,
    );
  } else if (end > data.length) {
    end = data.length;
    cut = true;
    problems.push({
      code: LayerProblemCode.PAYLOAD_TRUNCATED,
      offset: data.length,
      message: `the IPv4 datagram has ${total} bytes, ${data.length - at} captured`,
    });
  }
  const f = header.fragment;
  return {
    type: 'ipv4',
    offset: at,
    header,
    options: opts,
    headerLength,
    checksum: checksums ? verdict(sumWords(data, at, at + headerLength)) : 'unverified',
    protocol: header.protocol,
    fragmented: f.moreFragments || f.offset !== 0,
    end,
    truncated: cut,
  };
}
