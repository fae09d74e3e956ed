// Every packet of every corpus capture, decoded with checksums verified, against tshark's
// dissection of it (fixtures/*.tsv, made by fixtures/make-fixtures.sh from the captures, and made
// again here when tshark 4.0 is installed): addresses, lengths, flags, TCP options, checksum statuses.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decodePacket } from '@stride/pcap';
import { describe, expect, it } from 'vitest';
import { expectFixturesRemade, TSHARK_40 } from '../../support/capture-fixtures.js';
import { capturePackets } from './support/capture-packets.js';
import { readRows, tsharkRow } from './support/tshark-row.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
/** The corpus captures, as the file-format tests keep them. */
const CAPTURES = join(import.meta.dirname, '../fixtures');
const tables = readdirSync(FIXTURES).filter((f) => f.endsWith('.tsv'));

describe('decodePacket on the corpus agrees with tshark', () => {
  it('has a table for each of the seven captures', () => {
    expect(tables).toHaveLength(7);
  });

  for (const table of tables) {
    it(`${table.replace(/\.tsv$/, '')}: every packet`, () => {
      const rows = readRows(readFileSync(join(FIXTURES, table), 'utf8'));
      const packets = capturePackets(join(CAPTURES, table.replace(/\.tsv$/, '')));
      expect(packets).toHaveLength(rows.length);
      packets.forEach((p, i) => {
        const packet = decodePacket(p.linkType, p.data, { checksums: true });
        expect(packet.problems).toEqual([]);
        expect(tsharkRow(p.frame, packet)).toEqual(rows[i]);
      });
    });
  }
});

describe('make-fixtures.sh', () => {
  it.skipIf(!TSHARK_40)('makes the committed tables again from the captures (needs tshark 4.0)', () => {
    expectFixturesRemade(FIXTURES, relative(FIXTURES, CAPTURES));
  });
});
