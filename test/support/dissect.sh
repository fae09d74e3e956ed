#!/usr/bin/env bash
# tshark's dissection of a capture's packets of one protocol on a non-standard port, with each
# field's bytes and position, pruned to what a fixture's dissection reader needs (the redis and mqtt
# make-fixtures.sh; see each for what its protocol's layers hold):
#   tshark -r capture -d tcp.port==port,protocol -Y protocol -T json -x --no-duplicate-keys
#          -J "frame tcp protocol"
# -d decodes the port as the protocol; -Y keeps the packets with it in them; --no-duplicate-keys is
# needed (JSON.parse would keep only the last of repeated keys); -x adds each field's bytes and
# position in the frame ("<field>_raw": [hex, position, length, bitmask, type]). Of each packet only
# frame.number, the tcp fields that place a segment (tcp.stream, tcp.srcport, tcp.seq, tcp.len,
# tcp.payload_raw), any sign of reassembly (which the readers refuse), and the layers named are
# kept, in that order: the full output is ten times the size.
#
# Usage: test/support/dissect.sh capture port protocol layer... > dissection.json. Needs tshark
# (4.0) and node. tshark warns on stderr when run as root: that is all it says there, so it is dropped.
set -euo pipefail
pcap=$1
port=$2
protocol=$3
shift 3

tshark -r "$pcap" -d "tcp.port==$port,$protocol" -Y "$protocol" -T json -x --no-duplicate-keys \
  -J "frame tcp $protocol" 2> /dev/null | node -e '
    const layerNames = process.argv.slice(1);
    const packets = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const keep = ["tcp.stream", "tcp.srcport", "tcp.seq", "tcp.len", "tcp.payload_raw"];
    const pruned = packets.map(({ _source: { layers } }) => {
      const tcp = {};
      for (const [key, value] of Object.entries(layers.tcp)) {
        if (keep.includes(key) || /segment|reassembled/.test(key)) tcp[key] = value;
      }
      const kept = { frame: { "frame.number": layers.frame["frame.number"] }, tcp };
      if (layers["tcp.segments"]) kept["tcp.segments"] = layers["tcp.segments"];
      for (const name of layerNames) kept[name] = layers[name];
      return { _source: { layers: kept } };
    });
    process.stdout.write(`${JSON.stringify(pruned, null, 2)}\n`);
  ' "$@"
