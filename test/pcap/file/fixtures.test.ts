// Every capture's packet list as CaptureReader gives it equals tshark's (frame number, epoch time to
// the nanosecond, captured and original length, encapsulation, interface), from the committed
// fixtures made by make-fixtures.sh; the script makes the same files again when tshark 4.0 is here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURES, FIXTURES, fixture, frameLine, readRecords, tsharkVersion } from './support.js';

describe("each capture's packet list equals tshark's", () => {
  it('has the seven captures of the corpus', () => {
    expect(CAPTURES).toEqual([
      'dns.pcap',
      'mqtt.pcapng',
      'postgres-v3-nsec.pcap',
      'postgres-v3.pcap',
      'postgres-v3.pcapng',
      'redis-resp.pcapng',
      'websocket.pcap',
    ]);
  });

  for (const name of CAPTURES) {
    it(name, () => {
      const expected = readFileSync(join(FIXTURES, `${name}.frames.tsv`), 'utf8')
        .split('\n')
        .filter(Boolean);
      const packets = readRecords(fixture(name)).filter((r) => r.type === 'packet');
      expect(packets.map((p) => frameLine(p, name.endsWith('.pcapng')))).toEqual(expected);
      expect(expected.length).toBeGreaterThan(20);
    });
  }
});

describe('make-fixtures.sh', () => {
  it.skipIf(!/^TShark \(Wireshark\) 4\.0\./.test(tsharkVersion()))(
    'makes the committed packet lists again (needs tshark 4.0)',
    () => {
      const out = mkdtempSync(join(tmpdir(), 'stride-pcap-fixtures-'));
      try {
        execFileSync(join(FIXTURES, 'make-fixtures.sh'), [out], { stdio: 'pipe' });
        const made = readdirSync(out).sort();
        expect(made).toEqual(CAPTURES.map((c) => `${c}.frames.tsv`).sort());
        for (const file of made)
          expect(readFileSync(join(out, file), 'utf8'), file).toBe(
            readFileSync(join(FIXTURES, file), 'utf8'),
          );
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );
});
