/**
 * json and jsonb: the parsed JSON value (`unknown`: whatever JSON.parse gives; numbers are doubles,
 * so digits past a double's precision are lost). Encoding writes JSON.stringify's text; a value it
 * cannot write (undefined, a function, a bigint, a cycle) is an EncodeError.
 *
 * Text, and json's binary form: the JSON text in UTF-8. jsonb's binary form: a version byte, 1, then
 * the text. Text that is not JSON is a ValidationError over the value's bytes.
 */
import { type Codec, type DecodeState, defineCodec, EncodeError, literal, u8 } from '@stride/codec';
import { type PgType, pgType, shown } from './pg-type.js';
import { fallbackText } from './text.js';

const message = (e: unknown) => (e instanceof Error ? e.message : 'a non-Error was thrown');

/** JSON.stringify's text of a value, or the EncodeError for one it cannot write. */
function stringified(value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (e) {
    throw new EncodeError('OUT_OF_RANGE', `json: JSON.stringify refused the value (${message(e)})`);
  }
  if (json === undefined)
    throw new EncodeError('OUT_OF_RANGE', `json: JSON.stringify wrote nothing for a ${typeof value}`);
  return json;
}

const jsonText: Codec<unknown> = defineCodec<unknown>({
  name: 'json',
  read: (st: DecodeState) => {
    const at = st.pos;
    const text = fallbackText.read(st);
    try {
      return JSON.parse(text);
    } catch (e) {
      return st.invalid(at, st.pos - at, `json: not JSON (${message(e)})`, 'JSON text', shown(text));
    }
  },
  write: (w, value) => fallbackText.write(w, stringified(value)),
});

/** jsonb's binary version byte: the only one there is. */
const version = literal(u8, 1);

const jsonbBinary: Codec<unknown> = defineCodec<unknown>({
  name: 'jsonb',
  read: (st: DecodeState) => {
    version.read(st);
    return jsonText.read(st);
  },
  write: (w, value) => {
    const json = stringified(value);
    version.write(w, 1);
    fallbackText.write(w, json);
  },
});

export const json: PgType<unknown> = pgType('json', 114, jsonText, jsonText);
export const jsonb: PgType<unknown> = pgType('jsonb', 3802, jsonbBinary, jsonText);
