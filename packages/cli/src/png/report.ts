/**
 * `stride png inspect`'s report, written as the read goes: each chunk's table row or JSON object
 * the moment it arrives, in bounded memory. Warnings and errors, printed after the chunks, wait in
 * a `Spill` (memory up to 1 MiB, then a temporary file); only counts stay in memory.
 */
import type { DecodeError } from '@stride/codec';
import type { PngReportChunk, PngReportIssue } from '@stride/png';
import type { OutputSink } from '../output.js';
import { Spill } from '../spill.js';
import { count, faultDetail } from '../text.js';
import { chunkJson, issueJson } from './json.js';
import { summarizeChunk } from './summary.js';

/** Narrowest the offset and length columns are: their headers' width. */
const MIN_WIDTH = 6;

export interface ReportOptions {
  json: boolean;
  /** `--keep-going`: errors are listed one by one, and the verdict counts them. */
  keepGoing: boolean;
  /** The input's size when known (a regular file): numbers never get wider, so neither do the columns. */
  size: number | undefined;
}

export class InspectReport {
  chunks = 0;
  /** The error the read stopped at, if any. */
  stoppedAt: DecodeError | undefined;
  readonly #warnings = new Spill();
  readonly #errors = new Spill();
  readonly #out: OutputSink;
  readonly #options: ReportOptions;
  #width: number;

  constructor(out: OutputSink, options: ReportOptions) {
    this.#out = out;
    this.#options = options;
    this.#width = Math.max(MIN_WIDTH, String(options.size ?? 0).length);
  }

  get valid(): boolean {
    return this.#errors.count === 0;
  }

  chunk(c: PngReportChunk): void {
    const first = this.chunks++ === 0;
    if (this.#options.json) {
      this.#out.write(`${first ? '{"chunks":[' : ','}${chunkJson(c)}`);
      return;
    }
    // Offsets and lengths only grow past the width known at the start when the size was not known.
    this.#width = Math.max(this.#width, String(c.offset).length, String(c.length).length);
    const w = this.#width;
    if (first) this.#out.write(`${'offset'.padStart(w)}  type  ${'length'.padStart(w)}  crc  fields\n`);
    const row = `${String(c.offset).padStart(w)}  ${c.type}  ${String(c.length).padStart(w)}  ${c.crcOk ? 'ok ' : 'BAD'}  ${summarizeChunk(c)}`;
    this.#out.write(`${row.trimEnd()}\n`);
  }

  warning(w: PngReportIssue): void {
    this.#warnings.add(
      this.#options.json
        ? `${this.#warnings.count === 0 ? '' : ','}${issueJson(w)}`
        : `warning: ${w.code} at byte ${w.offset}: ${w.message}\n`,
    );
  }

  /** An error the read went on after (`--keep-going`). `detail` is the message without its offset. */
  error(e: PngReportIssue, detail = e.message): void {
    this.#errors.add(
      this.#options.json
        ? `${this.#errors.count === 0 ? '' : ','}${issueJson(e)}`
        : `error: ${e.code} at byte ${e.offset}: ${detail}\n`,
    );
  }

  /** The error the read stopped at. */
  stop(e: DecodeError): void {
    this.stoppedAt = e;
    this.error({ code: e.code, offset: e.offset, message: e.message }, faultDetail(e));
  }

  /** Writes what waited (warnings, errors) and the verdict, respecting backpressure. */
  async finish(): Promise<void> {
    try {
      if (this.#options.json) await this.#finishJson();
      else await this.#finishTable();
    } finally {
      this.dispose();
    }
  }

  /** Lets go of the temporary files, if any. */
  dispose(): void {
    this.#warnings.dispose();
    this.#errors.dispose();
  }

  async #finishJson(): Promise<void> {
    const out = this.#out;
    out.write(this.chunks === 0 ? '{"chunks":[],"errors":[' : '],"errors":[');
    await this.#copy(this.#errors);
    out.write('],"warnings":[');
    await this.#copy(this.#warnings);
    out.write(`],"valid":${this.valid}}\n`);
  }

  async #finishTable(): Promise<void> {
    const out = this.#out;
    let before = this.chunks > 0;
    if (this.#warnings.count > 0) {
      if (before) out.write('\n');
      await this.#copy(this.#warnings);
      before = true;
    }
    const stopped = this.stoppedAt;
    const summary = `${count(this.chunks, 'chunk')}, ${count(this.#warnings.count, 'warning')}`;
    if (!this.#options.keepGoing && stopped !== undefined) {
      // One error, the one the read stopped at: the verdict says it.
      if (before) out.write('\n');
      out.write(`invalid: ${stopped.code} at byte ${stopped.offset}: ${faultDetail(stopped)}\n`);
      return;
    }
    if (this.#errors.count > 0) {
      if (before) out.write('\n');
      await this.#copy(this.#errors);
      before = true;
    }
    if (before) out.write('\n');
    if (this.valid) out.write(`valid: ${summary}\n`);
    else
      out.write(
        `invalid: ${count(this.#errors.count, 'error')}, ${summary}${stopped === undefined ? '' : ' (the read stopped at the last)'}\n`,
      );
  }

  async #copy(spill: Spill): Promise<void> {
    for (const piece of spill.pieces()) {
      this.#out.write(piece);
      await this.#out.flush();
      if (this.#out.failed !== undefined) return;
    }
  }
}
