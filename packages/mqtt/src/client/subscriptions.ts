/**
 * Who listens to which topic filter on the client's one connection, and MQTT's topic matching
 * (§4.7): each PUBLISH from the server goes to every listener whose filter matches its topic, `+`
 * one level, `#` the rest (the parent level too), a filter starting with a wildcard never a topic
 * starting with `$`, and a shared subscription (`$share/{group}/{filter}`) by its filter.
 */
import type { Publish } from '../packets/packet.js';

export interface Listener {
  next(p: Publish): void;
  error(e: unknown): void;
  complete(): void;
}

interface Filter {
  /** The levels matched: the filter's, past `$share/{group}/` for a shared subscription. */
  levels: string[];
  listeners: Set<Listener>;
}

/** A topic filter as the spec allows it: `#` last and alone in its level, `+` alone in its level. */
export function validFilter(filter: string): boolean {
  const levels = levelsOf(filter);
  if (filter.startsWith('$share/')) {
    const group = filter.split('/', 2)[1] ?? '';
    if (group === '' || /[+#]/.test(group)) return false;
  }
  if (levels.join('/') === '') return false;
  return levels.every(
    (level, i) =>
      (level === '#' && i === levels.length - 1) ||
      level === '+' ||
      !(level.includes('+') || level.includes('#')),
  );
}

function levelsOf(filter: string): string[] {
  const levels = filter.split('/');
  return levels[0] === '$share' ? levels.slice(2) : levels;
}

/** Whether a filter's levels match a topic's. */
export function matches(filter: readonly string[], topic: readonly string[]): boolean {
  const first = filter[0];
  if ((first === '+' || first === '#') && topic[0]?.startsWith('$')) return false;
  for (let i = 0; i < filter.length; i++) {
    const level = filter[i];
    if (level === '#') return true;
    if (i >= topic.length || (level !== '+' && level !== topic[i])) return false;
  }
  return filter.length === topic.length;
}

export class Listeners {
  readonly #filters = new Map<string, Filter>();

  add(filter: string, listener: Listener): void {
    const entry = this.#filters.get(filter);
    if (entry === undefined)
      this.#filters.set(filter, { levels: levelsOf(filter), listeners: new Set([listener]) });
    else entry.listeners.add(listener);
  }

  /** Removes a listener; true if it was its filter's last one (the server should be told). */
  remove(filter: string, listener: Listener): boolean {
    const entry = this.#filters.get(filter);
    if (entry === undefined || !entry.listeners.delete(listener) || entry.listeners.size > 0) return false;
    this.#filters.delete(filter);
    return true;
  }

  /** Hands a PUBLISH to every listener whose filter matches, with a copy of its payload (a view would pin the socket's chunk). */
  deliver(p: Publish): void {
    const topic = p.topic.split('/');
    let copy: Publish | undefined;
    for (const { levels, listeners } of [...this.#filters.values()]) {
      if (!matches(levels, topic)) continue;
      copy ??= { ...p, payload: p.payload.slice() };
      // A listener may unsubscribe another one in next().
      for (const l of [...listeners]) l.next(copy);
    }
  }

  /** The client is done: every listener completes, or errors with what failed the connection. */
  end(error: unknown): void {
    const all = new Set<Listener>();
    for (const { listeners } of this.#filters.values()) for (const l of listeners) all.add(l);
    this.#filters.clear();
    for (const l of all) error === undefined ? l.complete() : l.error(error);
  }
}
