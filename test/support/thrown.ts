// The error a call throws, of the class a test expects: a test failure when the call returns or
// throws anything else.
import { expect } from 'vitest';

export function thrownBy<E extends Error>(
  type: abstract new (...args: never[]) => E,
  call: () => unknown,
): E {
  try {
    call();
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    return e as E;
  }
  throw new Error(`expected a ${type.name}, and nothing was thrown`);
}
