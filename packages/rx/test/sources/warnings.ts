/** Collects the process warnings emitted while `run` runs (and one turn of the event loop after). */
export async function warningsDuring(run: () => void | Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const onWarning = (w: Error) => seen.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  try {
    await run();
    await new Promise((r) => setImmediate(r));
  } finally {
    process.removeListener('warning', onWarning);
  }
  return seen;
}

/** Listener counts of every event an emitter has listeners for. */
export function listeners(emitter: NodeJS.EventEmitter): Record<string, number> {
  return Object.fromEntries(emitter.eventNames().map((e) => [String(e), emitter.listenerCount(e)]));
}
