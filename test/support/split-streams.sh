#!/usr/bin/env bash
# Cuts a capture into each TCP stream's payload per direction, for the fixtures' make-fixtures.sh
# (test/pg, test/redis, test/mqtt), which add their protocol's dissection:
#   stream-N-client.bin       TCP stream N's payload from the client, raw bytes in TCP order
#   stream-N-server.bin       the same stream's payload from the server
# for every stream with data, after removing the folder's old stream-*.bin; then checks each .bin's
# size against the sum of tshark's tcp.len for that stream and direction, printing one line a file.
#
# Usage: test/support/split-streams.sh capture server-port folder. Needs tshark (4.0) and node.
set -euo pipefail
pcap=$1
port=$2 # the server's port in the capture: the other end of each stream is the client
out=$3

rm -f "$out"/stream-*.bin

# Every data segment's stream, source port and payload size: the streams to follow, and at the end
# the size each direction's .bin must have. tshark warns on stderr when run as root: that is all it
# says there, so it is dropped.
segments=$(tshark -r "$pcap" -Y "tcp.len > 0" -T fields -e tcp.stream -e tcp.srcport -e tcp.len 2> /dev/null)

# `follow,tcp,raw,N` prints stream N reassembled in TCP order, one line of hex per segment, a
# segment of node 1 indented by a tab; the node whose address ends in :$port is the server. One
# tshark run follows every stream (one -z each), printing one section per stream, each headed by
# "Filter: tcp.stream eq N" and its nodes.
follow=()
for n in $(printf '%s\n' "$segments" | cut -f1 | sort -un); do follow+=(-z "follow,tcp,raw,$n"); done
tshark -r "$pcap" -q "${follow[@]}" 2> /dev/null | node -e '
  const [dir, port] = process.argv.slice(1);
  const fs = require("fs");
  let section; // the stream being read: its number, which node is the server, the bytes of each side
  for (const line of fs.readFileSync(0, "latin1").split("\n")) {
    const filter = /^Filter: tcp\.stream eq (\d+)$/.exec(line);
    if (filter) section = { n: filter[1], serverIsNode1: undefined, parts: { client: [], server: [] } };
    else if (!section || line.trim() === "" || /^(Follow|Node 0): /.test(line)) continue;
    else if (line.startsWith("Node 1: ")) section.serverIsNode1 = line.endsWith(`:${port}`);
    else if (line.startsWith("====")) {
      for (const side of ["client", "server"]) {
        fs.writeFileSync(`${dir}/stream-${section.n}-${side}.bin`, Buffer.concat(section.parts[side]));
      }
      section = undefined;
    } else {
      const hex = line.trim();
      if (section.serverIsNode1 === undefined || !/^([0-9a-f]{2})+$/.test(hex))
        throw new Error(`stream ${section.n}: unexpected line in the follow output: ${line.slice(0, 40)}`);
      const fromNode1 = line.startsWith("\t");
      section.parts[fromNode1 === section.serverIsNode1 ? "server" : "client"].push(Buffer.from(hex, "hex"));
    }
  }
' "$out" "$port"

# Each direction's size against tshark's own count of payload bytes (the sum of tcp.len); a stream
# the follow output left out has no .bin, which is an error too.
printf '%s\n' "$segments" | node -e '
  const [dir, port] = process.argv.slice(1);
  const fs = require("fs");
  const sums = new Map();
  for (const line of fs.readFileSync(0, "utf8").trim().split("\n")) {
    const [stream, src, len] = line.split("\t");
    const key = `stream-${stream}-${src === port ? "server" : "client"}.bin`;
    sums.set(key, (sums.get(key) ?? 0) + Number(len));
  }
  let bad = 0;
  for (const [file, bytes] of [...sums].sort()) {
    const size = fs.statSync(`${dir}/${file}`).size;
    console.log(`${file}: ${size} bytes, tcp.len sum ${bytes}${size === bytes ? "" : "  MISMATCH"}`);
    if (size !== bytes) bad++;
  }
  if (bad) process.exit(1);
' "$out" "$port"
