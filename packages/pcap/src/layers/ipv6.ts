/**
 * The IPv6 layer: the fixed header, then the chain of extension headers stepped over by their
 * lengths (hop-by-hop, routing, destination options, fragment, authentication) up to the upper
 * protocol. ESP (50) and "no next header" (59) end the chain: what follows is payload.
 */
import { LayerErrorCode, type LayerProblem, LayerProblemCode } from '../errors.js';
import { layerError, truncated } from './faults.js';
import { HeaderReader } from './header-reader.js';
import {
  AuthenticationHeader,
  IpProtocol,
  Ipv6FragmentHeader,
  Ipv6Header,
  Ipv6OptionsHeader,
} from './ip-schemas.js';
import type { Ipv6Extension, Ipv6Layer } from './types.js';

const fixed = new HeaderReader(Ipv6Header, LayerErrorCode.HEADER_TRUNCATED);
const optionsHeader = new HeaderReader(Ipv6OptionsHeader, LayerErrorCode.HEADER_TRUNCATED);
const fragmentHeader = new HeaderReader(Ipv6FragmentHeader, LayerErrorCode.HEADER_TRUNCATED);
const authHeader = new HeaderReader(AuthenticationHeader, LayerErrorCode.HEADER_TRUNCATED);

/** The protocols whose headers the chain steps over. */
const EXTENSIONS: ReadonlySet<number> = new Set([
  IpProtocol.HOP_BY_HOP,
  IpProtocol.ROUTING,
  IpProtocol.FRAGMENT,
  IpProtocol.AUTHENTICATION,
  IpProtocol.DESTINATION_OPTIONS,
]);

/** The length of the extension header of protocol `type` at `at` (its first two bytes there). */
function extensionLength(type: number, data: Uint8Array, at: number): number {
  switch (type) {
    case IpProtocol.HOP_BY_HOP:
    case IpProtocol.ROUTING:
    case IpProtocol.DESTINATION_OPTIONS:
      return ((data[at + 1] as number) + 1) * 8;
    case IpProtocol.AUTHENTICATION:
      return ((data[at + 1] as number) + 2) * 4;
    default:
      return 8;
  }
}

function readExtension(type: number, data: Uint8Array, at: number): Ipv6Extension {
  if (type === IpProtocol.FRAGMENT) return { type, offset: at, header: fragmentHeader.read(data, at) };
  if (type === IpProtocol.AUTHENTICATION) return { type, offset: at, header: authHeader.read(data, at) };
  return { type: type as 0 | 43 | 60, offset: at, header: optionsHeader.read(data, at) };
}

/** The IPv6 header and its extension headers at `at` in `data`. */
export function decodeIpv6(data: Uint8Array, at: number, problems: LayerProblem[]): Ipv6Layer {
  const version = (data[at] ?? 0x60) >> 4;
  if (version !== 6)
    throw layerError(
      LayerErrorCode.BAD_IP_VERSION,
      at,
      'an IPv6 EtherType before another IP version',
      '6',
      `${version}`,
    );
  if (data.length < at + 40) throw truncated('IPv6 header', at, 40, data);
  const header = fixed.read(data, at);
  let end = at + 40 + header.payloadLength;
  let cut = false;
  if (header.payloadLength === 0) {
    end = data.length;
    problems.push({
      code: LayerProblemCode.TOTAL_LENGTH_ZERO,
      offset: at + 4,
      message: 'an IPv6 payload length of 0 (a jumbogram or segmentation offload): the data taken to its end',
    });
  } else if (end > data.length) {
    end = data.length;
    cut = true;
    problems.push({
      code: LayerProblemCode.PAYLOAD_TRUNCATED,
      offset: data.length,
      message: `the IPv6 datagram has ${40 + header.payloadLength} bytes, ${data.length - at} captured`,
    });
  }
  const extensions: Ipv6Extension[] = [];
  let protocol = header.nextHeader;
  let off = at + 40;
  let fragmented = false;
  while (EXTENSIONS.has(protocol)) {
    if (off + 2 > end) throw truncated(`IPv6 extension header ${protocol}`, off, 2, data.subarray(0, end));
    const length = extensionLength(protocol, data, off);
    if (off + length > end)
      throw truncated(`IPv6 extension header ${protocol}`, off, length, data.subarray(0, end));
    const extension = readExtension(protocol, data, off);
    extensions.push(extension);
    if (extension.type === IpProtocol.FRAGMENT) {
      const f = extension.header.fragment;
      fragmented ||= f.moreFragments || f.offset !== 0;
    }
    protocol = extension.header.nextHeader;
    off += length;
  }
  return {
    type: 'ipv6',
    offset: at,
    header,
    extensions,
    headerLength: off - at,
    protocol,
    fragmented,
    end,
    truncated: cut,
  };
}
