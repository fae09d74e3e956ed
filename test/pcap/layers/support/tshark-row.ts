// A decoded packet as the row of tshark fields make-fixtures.sh writes (same names, same text), so
// the corpus test compares decodePacket with tshark field by field.
import type { ChecksumStatus, Packet } from '@stride/pcap';

const STATUS: Record<ChecksumStatus, string> = { bad: '0', good: '1', unverified: '2', absent: '3' };
const hex = (n: number, digits: number) => `0x${n.toString(16).padStart(digits, '0')}`;
const list = (values: readonly (number | string)[]) => values.join(',');

export function tsharkRow(frame: number, p: Packet): Record<string, string> {
  const row: Record<string, string> = { 'frame.number': String(frame) };
  const { link, network, transport } = p;
  if (link.type === 'ethernet') {
    row['eth.src'] = link.header.src;
    row['eth.dst'] = link.header.dst;
    row['eth.type'] = hex(link.header.etherType, 4);
    // A tag's TPID is the type field before it: tshark shows 802.1Q tags as vlan, 802.1ad as ieee8021ad.
    const tpids = [link.header.etherType, ...link.vlans.map((v) => v.etherType)];
    const ids = (tpid: number) => list(link.vlans.filter((_, i) => tpids[i] === tpid).map((v) => v.tci.id));
    row['vlan.id'] = ids(0x8100);
    row['ieee8021ad.id'] = ids(0x88a8);
  }
  if (network?.type === 'ipv4') {
    const h = network.header;
    const f = h.fragment;
    Object.assign(row, {
      'ip.src': h.src,
      'ip.dst': h.dst,
      'ip.proto': String(h.protocol),
      'ip.hdr_len': String(network.headerLength),
      'ip.len': String(h.totalLength),
      'ip.flags': hex((Number(f.reserved) << 2) | (Number(f.dontFragment) << 1) | Number(f.moreFragments), 2),
      'ip.frag_offset': String(f.offset * 8),
      'ip.checksum.status': STATUS[network.checksum],
    });
  } else if (network?.type === 'ipv6') {
    Object.assign(row, {
      'ipv6.src': network.header.src,
      'ipv6.dst': network.header.dst,
      'ipv6.nxt': String(network.header.nextHeader),
    });
  }
  if (transport?.type === 'tcp') {
    const h = transport.header;
    const f = h.flags;
    const bits = [f.ae, f.cwr, f.ece, f.urg, f.ack, f.psh, f.rst, f.syn, f.fin].reduce(
      (n, b) => n * 2 + Number(b),
      f.reserved,
    );
    const option = <K extends number>(kind: K) => transport.options.filter((o) => o.kind === kind);
    Object.assign(row, {
      'tcp.srcport': String(h.srcPort),
      'tcp.dstport': String(h.dstPort),
      'tcp.seq_raw': String(h.seq),
      'tcp.ack_raw': String(h.ack),
      'tcp.flags': hex(bits, 4),
      'tcp.hdr_len': String(transport.headerLength),
      'tcp.len': String(p.payload.length),
      'tcp.window_size_value': String(h.window),
      'tcp.option_kind': list(transport.options.map((o) => o.kind)),
      'tcp.options.mss_val': list(option(2).map((o) => ('mss' in o ? o.mss : ''))),
      'tcp.options.wscale.shift': list(option(3).map((o) => ('shift' in o ? o.shift : ''))),
      'tcp.options.timestamp.tsval': list(option(8).map((o) => ('echo' in o ? o.value : ''))),
      'tcp.options.timestamp.tsecr': list(option(8).map((o) => ('echo' in o ? o.echo : ''))),
      'tcp.checksum.status': STATUS[transport.checksum],
    });
  } else if (transport?.type === 'udp') {
    Object.assign(row, {
      'udp.srcport': String(transport.header.srcPort),
      'udp.dstport': String(transport.header.dstPort),
      'udp.length': String(transport.header.length),
      'udp.checksum.status': STATUS[transport.checksum],
    });
  }
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== ''));
}

/** A fixture file's rows: field name to text, empty fields left out. */
export function readRows(tsv: string): Record<string, string>[] {
  const [head = '', ...lines] = tsv.trimEnd().split('\n');
  const names = head.split('\t');
  return lines.map((line) =>
    Object.fromEntries(
      line
        .split('\t')
        .map((value, i) => [names[i] ?? '', value] as const)
        .filter(([, value]) => value !== ''),
    ),
  );
}
