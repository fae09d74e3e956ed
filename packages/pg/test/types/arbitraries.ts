/**
 * fast-check arbitraries of each type's JS values, in their canonical form (what decoding gives),
 * built without the code under test: strings are assembled from fields here.
 */
import fc from 'fast-check';
import type { PgTypeName, PgValue } from '../../src/types/index.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A string PostgreSQL can hold: any Unicode but NUL. */
const pgString = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !s.includes('\0'));

const numeric = fc.oneof(
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '0'),
  fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.stringMatching(/^[0-9]{0,25}$/))
    .map(([negative, integer, fraction]) => {
      const zero = integer === 0n && !/[1-9]/.test(fraction);
      return `${negative && !zero ? '-' : ''}${integer}${fraction === '' ? '' : `.${fraction}`}`;
    }),
);

/** Year, month, day of a date in range: AD up to `maxYear`, BC up to 4713 (4714 BC starts in November). */
const dateFields = (maxYear: number) =>
  fc
    .oneof(
      fc.tuple(fc.integer({ min: 1, max: maxYear }), fc.constant(false)),
      fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.constant(false)),
      fc.tuple(fc.integer({ min: 1, max: 4713 }), fc.constant(true)),
    )
    .chain(([year, bc]) =>
      fc.record({
        year: fc.constant(year),
        bc: fc.constant(bc),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
      }),
    );

const isoDate = ({ year, month, day }: { year: number; month: number; day: number }) =>
  `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

const date = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('infinity', '-infinity') },
  { weight: 9, arbitrary: dateFields(5874897).map((d) => `${isoDate(d)}${d.bc ? ' BC' : ''}`) },
);

const timestampOf = (zone: string) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom('infinity', '-infinity') },
    {
      weight: 9,
      arbitrary: fc
        .tuple(
          dateFields(294276),
          fc.integer({ min: 0, max: 86399 }),
          fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 999999 })),
        )
        .map(([d, seconds, micros]) => {
          const time = `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}`;
          const fraction = micros === 0 ? '' : `.${pad(micros, 6).replace(/0+$/, '')}`;
          return `${isoDate(d)} ${time}${fraction}${zone}${d.bc ? ' BC' : ''}`;
        }),
    },
  );

/** A JSON value as JSON.parse gives it back (no -0). */
const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

type Scalars = { [N in PgTypeName as N extends `_${string}` ? never : N]: fc.Arbitrary<PgValue<N>> };

export const scalars: Scalars = {
  bool: fc.boolean(),
  int2: fc.integer({ min: -0x8000, max: 0x7fff }),
  int4: fc.integer({ min: -0x80000000, max: 0x7fffffff }),
  int8: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  oid: fc.integer({ min: 0, max: 0xffffffff }),
  float4: fc.float(),
  float8: fc.double(),
  numeric,
  text: pgString,
  varchar: pgString,
  bpchar: pgString,
  name: pgString,
  bytea: fc.uint8Array({ maxLength: 40 }),
  uuid: fc.uuid(),
  date,
  timestamp: timestampOf(''),
  timestamptz: timestampOf('+00'),
  json,
  jsonb: json,
};

/** An arbitrary of the values of a type by name, arrays included. */
export function valuesOf(name: PgTypeName): fc.Arbitrary<unknown> {
  if (!name.startsWith('_')) return scalars[name as keyof Scalars];
  const element = scalars[name.slice(1) as keyof Scalars] as fc.Arbitrary<unknown>;
  return fc.array(fc.option(element, { nil: null, freq: 4 }), { maxLength: 8 });
}
