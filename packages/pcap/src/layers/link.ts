/**
 * The link layer of a packet: Ethernet with any stack of VLAN tags, Linux cooked capture v1 and
 * v2, BSD loopback in either byte order, raw IP. Also which network protocol follows, as an
 * EtherType (0 when none this package decodes).
 */
import { u32be } from '@stride/codec';
import { LayerErrorCode, type LayerProblem, LayerProblemCode } from '../errors.js';
import { layerError, truncated } from './faults.js';
import { readEthernet } from './fixed-headers.js';
import { HeaderReader } from './header-reader.js';
import { Sll2Header, SllHeader, VlanTag } from './link-schemas.js';
import { AF_INET, AF_INET6, EtherType, LinkType } from './link-types.js';
import type { Link } from './types.js';

const vlan = new HeaderReader(VlanTag, LayerErrorCode.HEADER_TRUNCATED);
const sll = new HeaderReader(SllHeader, LayerErrorCode.HEADER_TRUNCATED);
const sll2 = new HeaderReader(Sll2Header, LayerErrorCode.HEADER_TRUNCATED);
const family = new HeaderReader(u32be, LayerErrorCode.HEADER_TRUNCATED);

/** The tags of an untagged frame: one frozen empty list, not one per packet. */
const NO_TAGS: readonly VlanTag[] = Object.freeze([]);

function need(what: string, data: Uint8Array, at: number, length: number): void {
  if (data.length < at + length) throw truncated(what, at, length, data);
}

function isTag(etherType: number): boolean {
  return etherType === EtherType.VLAN || etherType === EtherType.QINQ || etherType === EtherType.QINQ_OLD;
}

/** The link layer of `data` captured with `linkType`; unknown link types add a problem. */
export function decodeLink(linkType: number, data: Uint8Array, problems: LayerProblem[]): Link {
  switch (linkType) {
    case LinkType.ETHERNET: {
      need('Ethernet header', data, 0, 14);
      const header = readEthernet(data, 0);
      let etherType = header.etherType;
      let at = 14;
      let vlans: readonly VlanTag[] = NO_TAGS;
      while (isTag(etherType)) {
        need('VLAN tag', data, at, 4);
        const tag = vlan.read(data, at);
        vlans = [...vlans, tag];
        etherType = tag.etherType;
        at += 4;
      }
      return { type: 'ethernet', linkType, headerLength: at, header, vlans, etherType };
    }
    case LinkType.LINUX_SLL: {
      need('Linux cooked header', data, 0, 16);
      const header = sll.read(data, 0);
      return { type: 'sll', linkType, headerLength: 16, header, etherType: header.protocol };
    }
    case LinkType.LINUX_SLL2: {
      need('Linux cooked v2 header', data, 0, 20);
      const header = sll2.read(data, 0);
      return { type: 'sll2', linkType, headerLength: 20, header, etherType: header.protocol };
    }
    case LinkType.NULL:
    case LinkType.LOOP: {
      need('loopback header', data, 0, 4);
      let value = family.read(data, 0);
      let littleEndian = false;
      // NULL is in the capturing host's order: a family is small, so high bits set mean the other order.
      if (linkType === LinkType.NULL && value > 0xffff) {
        value = ((value & 0xff) << 24) | ((value & 0xff00) << 8) | ((value >>> 8) & 0xff00) | (value >>> 24);
        value >>>= 0;
        littleEndian = true;
      }
      return { type: 'null', linkType, headerLength: 4, family: value, littleEndian };
    }
    case LinkType.RAW:
    case LinkType.IPV4:
    case LinkType.IPV6:
      return { type: 'raw', linkType, headerLength: 0 };
    default:
      problems.push({
        code: LayerProblemCode.UNSUPPORTED_LINK_TYPE,
        offset: 0,
        message: `link type ${linkType} is not decoded`,
      });
      return { type: 'unknown', linkType, headerLength: 0 };
  }
}

/** The EtherType of the network layer after `link` (0 for none this package decodes). */
export function networkAfter(link: Link, data: Uint8Array): number {
  switch (link.type) {
    case 'ethernet':
    case 'sll':
    case 'sll2':
      return link.etherType === EtherType.IPV4 || link.etherType === EtherType.IPV6 ? link.etherType : 0;
    case 'null':
      if (link.family === AF_INET) return EtherType.IPV4;
      return (AF_INET6 as readonly number[]).includes(link.family) ? EtherType.IPV6 : 0;
    case 'raw': {
      if (link.linkType === LinkType.IPV4) return EtherType.IPV4;
      if (link.linkType === LinkType.IPV6) return EtherType.IPV6;
      need('IP header', data, 0, 1);
      const version = (data[0] as number) >> 4;
      if (version === 4) return EtherType.IPV4;
      if (version === 6) return EtherType.IPV6;
      throw layerError(
        LayerErrorCode.BAD_IP_VERSION,
        0,
        'raw IP of neither version 4 nor 6',
        '4 or 6',
        `${version}`,
      );
    }
    default:
      return 0;
  }
}
