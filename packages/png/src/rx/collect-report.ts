import { DecodeError } from '@stride/codec';
import type { Observable } from 'rxjs';
import type { PngEvent } from '../chunk/events.js';
import { addEvent, addFailure, emptyReport, type PngReport } from '../validate/report.js';

/**
 * Collects a read's events into a report (what `validatePng` resolves to). A DecodeError becomes the
 * report's error; any other failure (a file that cannot be opened) rejects.
 */
export function collectReport(events: Observable<PngEvent>): Promise<PngReport> {
  const report = emptyReport();
  return new Promise((resolve, reject) => {
    events.subscribe({
      next: (e) => addEvent(report, e),
      error: (e: unknown) => {
        if (!(e instanceof DecodeError)) {
          reject(e);
          return;
        }
        addFailure(report, e);
        resolve(report);
      },
      complete: () => resolve(report),
    });
  });
}
