/**
 * The pcapng options this package names (draft-ietf-opsawg-pcapng, §3.5 and each block's section),
 * by the block they appear in, with the type their value is read as. Codes not listed keep their
 * bytes; a listed one whose length does not fit its type keeps them too.
 */

/** How an option's value is read: UTF-8 text, an unsigned integer of 1, 4 or 8 bytes, a signed one of 8, a pcapng timestamp (high and low 32 bits), or bytes. */
export type OptionKind = 'string' | 'u8' | 'u32' | 'u64' | 'i64' | 'timestamp' | 'bytes';

/** The kind of block an option list belongs to. */
export type OptionBlock = 'shb' | 'idb' | 'epb' | 'pb' | 'nrb' | 'isb' | 'dsb';

type Table = Readonly<Record<number, readonly [string, OptionKind]>>;

const COMMON: Table = {
  0: ['opt_endofopt', 'bytes'],
  1: ['opt_comment', 'string'],
  2988: ['opt_custom', 'bytes'],
  2989: ['opt_custom', 'bytes'],
  19372: ['opt_custom', 'bytes'],
  19373: ['opt_custom', 'bytes'],
};

const BY_BLOCK: Readonly<Record<OptionBlock, Table>> = {
  shb: { 2: ['shb_hardware', 'string'], 3: ['shb_os', 'string'], 4: ['shb_userappl', 'string'] },
  idb: {
    2: ['if_name', 'string'],
    3: ['if_description', 'string'],
    4: ['if_IPv4addr', 'bytes'],
    5: ['if_IPv6addr', 'bytes'],
    6: ['if_MACaddr', 'bytes'],
    7: ['if_EUIaddr', 'bytes'],
    8: ['if_speed', 'u64'],
    9: ['if_tsresol', 'u8'],
    10: ['if_tzone', 'u32'],
    11: ['if_filter', 'bytes'],
    12: ['if_os', 'string'],
    13: ['if_fcslen', 'u8'],
    14: ['if_tsoffset', 'i64'],
    15: ['if_hardware', 'string'],
    16: ['if_txspeed', 'u64'],
    17: ['if_rxspeed', 'u64'],
  },
  epb: {
    2: ['epb_flags', 'u32'],
    3: ['epb_hash', 'bytes'],
    4: ['epb_dropcount', 'u64'],
    5: ['epb_packetid', 'u64'],
    6: ['epb_queue', 'u32'],
    7: ['epb_verdict', 'bytes'],
  },
  pb: { 2: ['pack_flags', 'u32'], 3: ['pack_hash', 'bytes'] },
  nrb: { 2: ['ns_dnsname', 'string'], 3: ['ns_dnsIP4addr', 'bytes'], 4: ['ns_dnsIP6addr', 'bytes'] },
  isb: {
    2: ['isb_starttime', 'timestamp'],
    3: ['isb_endtime', 'timestamp'],
    4: ['isb_ifrecv', 'u64'],
    5: ['isb_ifdrop', 'u64'],
    6: ['isb_filteraccept', 'u64'],
    7: ['isb_osdrop', 'u64'],
    8: ['isb_usrdeliv', 'u64'],
  },
  dsb: {},
};

/** The name and kind of option `code` in a block of kind `block`, if this package names it. */
export function optionInfo(block: OptionBlock, code: number): readonly [string, OptionKind] | undefined {
  return BY_BLOCK[block][code] ?? COMMON[code];
}
