/** A whole read summed up: what the CLI prints with `--json`, and what `validatePng` resolves to. */
import { DecodeError } from '@stride/codec';
import { lastValueFrom, type Observable, reduce } from 'rxjs';
import type { PngEvent } from '../chunk/events.js';
import type { PngWarningCode } from '../errors.js';

export interface PngReportChunk {
  type: string;
  offset: number;
  length: number;
  crcOk: boolean;
  /** Decoded fields of a standard chunk held whole (absent otherwise). */
  fields?: unknown;
}

export interface PngReportIssue<C extends string = string> {
  code: C;
  offset: number;
  message: string;
}

export interface PngReport {
  /** No error (warnings allowed). */
  valid: boolean;
  chunks: PngReportChunk[];
  /** At most one: a read stops at the first error. */
  errors: PngReportIssue[];
  warnings: PngReportIssue<PngWarningCode>[];
  /** The error itself, with its path and excerpt (not part of the JSON form). */
  error?: DecodeError;
}

/**
 * Collects a read's events into a report. A DecodeError becomes the report's error; any other
 * failure (a file that cannot be opened) rejects.
 */
export async function collectReport(events: Observable<PngEvent>): Promise<PngReport> {
  const report: PngReport = { valid: true, chunks: [], errors: [], warnings: [] };
  try {
    await lastValueFrom(events.pipe(reduce((r, e) => add(r, e), report)), { defaultValue: report });
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    report.valid = false;
    report.error = e;
    report.errors.push({ code: e.code, offset: e.offset, message: e.message });
  }
  return report;
}

function add(report: PngReport, e: PngEvent): PngReport {
  switch (e.kind) {
    case 'chunk': {
      const chunk: PngReportChunk = { type: e.type, offset: e.offset, length: e.length, crcOk: e.crcOk };
      if (e.fields !== undefined) chunk.fields = e.fields;
      report.chunks.push(chunk);
      break;
    }
    case 'end':
      report.chunks.push({ type: e.type, offset: e.offset, length: e.length, crcOk: e.crcOk });
      break;
    case 'warning':
      report.warnings.push({ code: e.code, offset: e.offset, message: e.message });
      break;
  }
  return report;
}
