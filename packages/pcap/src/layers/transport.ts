/**
 * The transport layer of an unfragmented datagram: TCP (with its options) or UDP, the payload as a
 * view up to the datagram's end (so Ethernet padding is not payload), and the checksum over the
 * pseudo-header when asked for and the whole segment was captured.
 */

import { LayerErrorCode, type LayerProblem, LayerProblemCode } from '../errors.js';
import { type ChecksumStatus, pseudoHeaderSum, sumWords, verdict } from './checksum.js';
import { layerError, truncated } from './faults.js';
import { readTcp } from './fixed-headers.js';
import { HeaderReader } from './header-reader.js';
import { IpProtocol } from './ip-schemas.js';
import { TcpSegmentLayer } from './tcp-layer.js';
import { checkTcpOptions } from './tcp-options.js';
import { UdpHeader } from './transport-schemas.js';
import type { Network, TcpLayer, UdpLayer } from './types.js';

const udp = new HeaderReader(UdpHeader, LayerErrorCode.HEADER_TRUNCATED);

/** The checksum of `data[at, end)` under `network`'s pseudo-header for `protocol`. */
function check(
  network: Network,
  data: Uint8Array,
  protocol: number,
  at: number,
  end: number,
): ChecksumStatus {
  const pseudo =
    network.type === 'ipv4'
      ? pseudoHeaderSum(data, network.offset + 12, 8, protocol, end - at)
      : pseudoHeaderSum(data, network.offset + 8, 32, protocol, end - at);
  return verdict(pseudo + sumWords(data, at, end));
}

/** The TCP header at `at`, within the datagram that ends at `network.end`. */
export function decodeTcp(data: Uint8Array, at: number, network: Network, checksums: boolean): TcpLayer {
  const end = network.end;
  if (end < at + 20) throw truncated('TCP header', at, 20, data.subarray(0, end));
  const words = (data[at + 12] as number) >> 4;
  if (words < 5)
    throw layerError(
      LayerErrorCode.BAD_DATA_OFFSET,
      at + 12,
      'a TCP header shorter than 20 bytes',
      'data offset 5 or more',
      `${words}`,
    );
  const headerLength = words * 4;
  if (end < at + headerLength)
    throw truncated('TCP header with its options', at, headerLength, data.subarray(0, end));
  const header = readTcp(data, at);
  if (words > 5) checkTcpOptions(data, at + 20, at + headerLength);
  const checksum =
    checksums && !network.truncated ? check(network, data, IpProtocol.TCP, at, end) : 'unverified';
  return new TcpSegmentLayer(data, at, header, headerLength, checksum);
}

/** The UDP header at `at`, within the datagram that ends at `network.end`; also where its payload ends. */
export function decodeUdp(
  data: Uint8Array,
  at: number,
  network: Network,
  checksums: boolean,
  problems: LayerProblem[],
): { layer: UdpLayer; end: number } {
  let end = network.end;
  if (end < at + 8) throw truncated('UDP header', at, 8, data.subarray(0, end));
  const header = udp.read(data, at);
  if (header.length < 8)
    throw layerError(
      LayerErrorCode.BAD_LENGTH,
      at + 4,
      'a UDP length below its header',
      '8 or more',
      `${header.length}`,
    );
  let whole = !network.truncated;
  if (at + header.length <= end) end = at + header.length;
  else if (whole) {
    whole = false;
    problems.push({
      code: LayerProblemCode.UDP_LENGTH_PAST_IP,
      offset: at + 4,
      message: `a UDP length of ${header.length} past the ${end - at} bytes of its IP payload`,
    });
  }
  let checksum: ChecksumStatus = 'unverified';
  if (header.checksum === 0) checksum = network.type === 'ipv4' ? 'absent' : checksums ? 'bad' : 'unverified';
  else if (checksums && whole) checksum = check(network, data, IpProtocol.UDP, at, end);
  return { layer: { type: 'udp', offset: at, header, checksum }, end };
}
