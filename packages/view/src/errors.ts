/**
 * Python's exception classes, so that code and tests read like CPython's.
 * The built-in `TypeError` is used as is; messages are CPython's exact text.
 */

export class ValueError extends Error {
  override name = 'ValueError';
}

export class IndexError extends Error {
  override name = 'IndexError';
}

export class BufferError extends Error {
  override name = 'BufferError';
}

export class NotImplementedError extends Error {
  override name = 'NotImplementedError';
}

export class OverflowError extends Error {
  override name = 'OverflowError';
}

/** Python's UnicodeEncodeError, a ValueError. */
export class UnicodeEncodeError extends ValueError {
  override name = 'UnicodeEncodeError';
}
