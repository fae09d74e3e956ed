import { DecodeError, EncodeError } from '@stride/codec';

export const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const fromUtf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** The DecodeError `run` throws; fails the test when it throws none, or another error. */
export function decodeError(run: () => unknown): DecodeError {
  try {
    run();
  } catch (e) {
    if (e instanceof DecodeError) return e;
    throw new Error(`expected a DecodeError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a DecodeError, but it decoded');
}

/** The EncodeError `run` throws; fails the test when it throws none, or another error. */
export function encodeError(run: () => unknown): EncodeError {
  try {
    run();
  } catch (e) {
    if (e instanceof EncodeError) return e;
    throw new Error(`expected an EncodeError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected an EncodeError, but it encoded');
}
