// Helpers of the capture-file tests: the fixture captures (copies of ../shared/corpus/captures/),
// reading a file through CaptureReader whole or cut at given offsets, writing records back with
// CaptureWriter, each packet as the line tshark prints for it, and tshark itself (installed from
// Debian when missing, as the other protocol tests do).
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureReader, type CaptureReaderOptions, type CaptureRecord, CaptureWriter } from '@stride/pcap';
import { aptInstall, findProgram } from '../../support/apt.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** The capture files of the fixtures folder. */
export const CAPTURES = readdirSync(FIXTURES)
  .filter((f) => /\.pcap(ng)?$/.test(f))
  .sort();

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

/** Every record of `bytes`, fed to a fresh reader in the pieces `cuts` (sorted offsets) make. */
export function readRecords(
  bytes: Uint8Array,
  cuts: readonly number[] = [],
  options?: CaptureReaderOptions,
): CaptureRecord[] {
  const reader = new CaptureReader(options);
  const out: CaptureRecord[] = [];
  const push = (r: CaptureRecord) => out.push(r);
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    reader.write(bytes.subarray(at, cut), push);
    at = cut;
  }
  reader.finish(push);
  return out;
}

/** The records read until the reader throws, and what it threw (undefined when nothing). */
export function readUntilError(
  bytes: Uint8Array,
  options?: CaptureReaderOptions,
): { records: CaptureRecord[]; error: unknown } {
  const reader = new CaptureReader(options);
  const records: CaptureRecord[] = [];
  try {
    reader.write(bytes, (r) => records.push(r));
    reader.finish((r) => records.push(r));
    return { records, error: undefined };
  } catch (error) {
    return { records, error };
  }
}

/** The bytes CaptureWriter makes of `records`. */
export function writeRecords(records: readonly CaptureRecord[]): Uint8Array {
  const writer = new CaptureWriter();
  const parts: Uint8Array[] = [];
  for (const r of records) writer.write(r, (b) => parts.push(b));
  writer.finish((b) => parts.push(b));
  return new Uint8Array(Buffer.concat(parts));
}

/** Nanoseconds since the epoch as tshark prints frame.time_epoch. */
export function epoch(ns: bigint): string {
  const s = ns / 1_000_000_000n;
  return `${s}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}`;
}

/** Wireshark's encapsulation numbers (frame.encap_type) of the LINKTYPE_* values the captures use. */
const WTAP_ENCAP: Readonly<Record<number, number>> = { 1: 1 /* Ethernet */, 101: 7 /* raw IP */ };

/** A packet as the line of make-fixtures.sh: frame, epoch time, lengths, encapsulation, interface id (pcapng). */
export function frameLine(r: CaptureRecord, pcapng: boolean): string {
  if (r.type !== 'packet') throw new Error(`not a packet: ${r.type}`);
  const encap = WTAP_ENCAP[r.linkType] ?? `linktype ${r.linkType}`;
  const id = pcapng ? String(r.interfaceId) : '';
  const time = r.block === 'spb' ? '' : epoch(r.timestamp); // a Simple Packet Block has no time
  return [r.frame, time, r.capturedLength, r.originalLength, encap, id].join('\t');
}

/** tshark, installed when missing (root with apt-get only), or undefined. */
export function tshark(): string | undefined {
  if (findProgram('tshark') === undefined) aptInstall(['tshark'], 'command -v tshark');
  return findProgram('tshark');
}

/** tshark's first line of `--version`, or '' without tshark. */
export function tsharkVersion(): string {
  const bin = tshark();
  if (bin === undefined) return '';
  return execFileSync(bin, ['--version'], { encoding: 'utf8', stdio: 'pipe' }).split('\n')[0] ?? '';
}

/** tshark's packet list of a file (the lines of make-fixtures.sh) and what it printed on stderr. */
export function tsharkFrames(file: string): { lines: string[]; stderr: string } {
  const bin = tshark();
  if (bin === undefined) throw new Error('tshark is not installed');
  const fields = [
    'frame.number',
    'frame.time_epoch',
    'frame.cap_len',
    'frame.len',
    'frame.encap_type',
    'frame.interface_id',
  ];
  const run = spawnSync(bin, ['-r', file, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  const stderr = run.stderr
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('Running as user'))
    .join('\n');
  return { lines: run.stdout.split('\n').filter((l) => l !== ''), stderr };
}
