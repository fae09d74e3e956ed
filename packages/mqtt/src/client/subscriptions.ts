/**
 * Who listens to which topic filter on the client's one connection, and where each PUBLISH from
 * the server goes. In 5.0 each filter's SUBSCRIBE carries a subscription identifier of its own and
 * the server names in a PUBLISH the subscriptions it is for: a broker that sends a copy per matching
 * subscription (mosquitto does) reaches each listener once. Without identifiers (3.1.1, or a server
 * without them) a PUBLISH goes to every listener whose filter matches its topic (§4.7): `+` one
 * level, `#` the rest (the parent level too), a filter starting with a wildcard never a topic
 * starting with `$`, and a shared subscription (`$share/{group}/{filter}`) by its filter.
 */
import type { Publish } from '../packets/packet.js';

export interface Listener {
  next(p: Publish): void;
  error(e: unknown): void;
  complete(): void;
}

interface Filter {
  /** Its subscription identifier (5.0). */
  id: number;
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
  readonly #ids = new Map<number, Filter>();
  #nextId = 1;

  /** Adds a listener; returns its filter's subscription identifier. */
  add(filter: string, listener: Listener): number {
    let entry = this.#filters.get(filter);
    if (entry === undefined) {
      entry = { id: this.#nextId++, levels: levelsOf(filter), listeners: new Set() };
      this.#filters.set(filter, entry);
      this.#ids.set(entry.id, entry);
    }
    entry.listeners.add(listener);
    return entry.id;
  }

  /** Removes a listener; true if it was its filter's last one (the server should be told). */
  remove(filter: string, listener: Listener): boolean {
    const entry = this.#filters.get(filter);
    if (entry === undefined || !entry.listeners.delete(listener) || entry.listeners.size > 0) return false;
    this.#filters.delete(filter);
    this.#ids.delete(entry.id);
    return true;
  }

  /**
   * Hands a PUBLISH to the listeners of the subscriptions it names, or without names to those of
   * every filter that matches its topic, with a copy of its payload (a view would pin the socket's
   * chunk).
   */
  deliver(p: Publish): void {
    const ids = p.properties?.subscriptionIdentifiers;
    let targets: (Filter | undefined)[];
    if (ids !== undefined && ids.length > 0) targets = ids.map((id) => this.#ids.get(id));
    else {
      const topic = p.topic.split('/');
      targets = [...this.#filters.values()].filter((f) => matches(f.levels, topic));
    }
    let copy: Publish | undefined;
    for (const target of targets) {
      if (target === undefined) continue; // unsubscribed here, the server not yet told
      copy ??= { ...p, payload: p.payload.slice() };
      // A listener may unsubscribe another one in next().
      for (const l of [...target.listeners]) l.next(copy);
    }
  }

  /** The client is done: every listener completes, or errors with what failed the connection. */
  end(error: unknown): void {
    const all = new Set<Listener>();
    for (const { listeners } of this.#filters.values()) for (const l of listeners) all.add(l);
    this.#filters.clear();
    this.#ids.clear();
    for (const l of all) error === undefined ? l.complete() : l.error(error);
  }
}
