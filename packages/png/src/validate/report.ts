/** A whole read summed up: what the CLI prints with `--json`, and what `validatePng` resolves to. */
import type { DecodeError } from '@stride/codec';
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

/** A report with nothing in it yet: a valid read of no chunks. */
export function emptyReport(): PngReport {
  return { valid: true, chunks: [], errors: [], warnings: [] };
}

/** Adds one of the read's events to `report`. */
export function addEvent(report: PngReport, e: PngEvent): void {
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
}

/** Makes the error that stopped the read the report's error (the read is not valid). */
export function addFailure(report: PngReport, e: DecodeError): void {
  report.valid = false;
  report.error = e;
  report.errors.push({ code: e.code, offset: e.offset, message: e.message });
}
