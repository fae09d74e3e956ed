// A decode result typed by the declarations typeDeclarations wrote (fixtures/*.d.ts, kept current by
// declarations.test.ts): each field exactly number, bigint, boolean, string or Uint8Array as decoded,
// arrays, `if` fields, nested and switch types, enums (compared with their declared constants), no
// params; `loadKsy<T>` types the top object.
import { type KsyObject, loadKsy } from '@stride/ksy';
import { describe, expectTypeOf, it } from 'vitest';
import type BitsSimple from './fixtures/bits_simple.js';
import type Enum0 from './fixtures/enum_0.js';
import { Enum0_Animal } from './fixtures/enum_0.js';
import type IfStruct from './fixtures/if_struct.js';
import type { IfStruct_ArgStr, IfStruct_ArgTuple, IfStruct_Operation } from './fixtures/if_struct.js';
import type RepeatEosStruct from './fixtures/repeat_eos_struct.js';
import type { RepeatEosStruct_Chunk } from './fixtures/repeat_eos_struct.js';
import type SwitchManualInt from './fixtures/switch_manual_int.js';
import type {
  SwitchManualInt_Opcode,
  SwitchManualInt_Opcode_Intval,
  SwitchManualInt_Opcode_Strval,
} from './fixtures/switch_manual_int.js';
import type Typed from './fixtures/typed.js';
import type { Decoded, Typed_Flags, Typed_Kind, Typed_Point, Typed_Scaled } from './fixtures/typed.js';
import { Typed_Animal } from './fixtures/typed.js';

const decode = <T extends object>() => loadKsy<T>('').decode(new Uint8Array());

describe('declarations of a .ksy', () => {
  it('type each kind of value as decoded', () => {
    const t = decode<Typed>();
    expectTypeOf(t.magic).toEqualTypeOf<Uint8Array>();
    expectTypeOf(t.version).toEqualTypeOf<number>();
    expectTypeOf(t.big).toEqualTypeOf<bigint>();
    expectTypeOf(t.ratio).toEqualTypeOf<number>();
    expectTypeOf(t.name).toEqualTypeOf<string>();
    expectTypeOf(t.flags).toEqualTypeOf<Typed_Flags>();
    expectTypeOf(t.flags.ready).toEqualTypeOf<boolean>();
    expectTypeOf(t.flags.level).toEqualTypeOf<number>();
    expectTypeOf(t.points).toEqualTypeOf<readonly Typed_Point[]>();
    expectTypeOf(t.extra).toEqualTypeOf<Typed_Point | undefined>();
    expectTypeOf(t.body).toEqualTypeOf<Typed_Point | Uint8Array>();
    expectTypeOf(t.area).toEqualTypeOf<number>();
    expectTypeOf(t.first).toEqualTypeOf<number>();
    expectTypeOf(t.is_dog).toEqualTypeOf<boolean>();
    expectTypeOf<Decoded>().toEqualTypeOf<Typed>();
    expectTypeOf(t.scaled).toEqualTypeOf<Typed_Scaled>();
    expectTypeOf<keyof Typed_Scaled>().toEqualTypeOf<'raw' | 'value'>(); // not the param `factor`
    expectTypeOf(t).not.toHaveProperty('nothing');
  });

  it('type enums as their values, named by the declared constants', () => {
    const t = decode<Typed>();
    expectTypeOf(t.pet).toEqualTypeOf<Typed_Animal>();
    expectTypeOf(t.pet).toEqualTypeOf<4 | 7>();
    expectTypeOf(t.best).toEqualTypeOf<Typed_Animal>();
    expectTypeOf(t.kind).toEqualTypeOf<Typed_Kind>();
    expectTypeOf(t.kind).toEqualTypeOf<1n | 9223372036854775807n>();
    if (t.pet === Typed_Animal.dog) expectTypeOf(t.pet).toEqualTypeOf<4>();
    // @ts-expect-error: 5 is no animal
    expectTypeOf(t.pet === 5).toBeBoolean();
    const e = decode<Enum0>();
    expectTypeOf(e.pet_1).toEqualTypeOf<4 | 7 | 12>();
    expectTypeOf(Enum0_Animal.chicken).toEqualTypeOf<12>();
  });

  it('type corpus formats: bits, if, repeat, switch', () => {
    const b = decode<BitsSimple>();
    expectTypeOf(b.bits_a).toEqualTypeOf<boolean>();
    expectTypeOf(b.byte_11_to_14).toEqualTypeOf<number>();
    expectTypeOf(b.byte_15_to_19).toEqualTypeOf<bigint>();
    expectTypeOf(b.byte_20_to_27).toEqualTypeOf<bigint>();
    expectTypeOf(b.test_if_b1).toEqualTypeOf<number | undefined>();
    const i = decode<IfStruct>();
    expectTypeOf(i.op1).toEqualTypeOf<IfStruct_Operation>();
    expectTypeOf(i.op1.arg_tuple).toEqualTypeOf<IfStruct_ArgTuple | undefined>();
    expectTypeOf(i.op1.arg_str).toEqualTypeOf<IfStruct_ArgStr | undefined>();
    expectTypeOf(decode<RepeatEosStruct>().chunks).toEqualTypeOf<readonly RepeatEosStruct_Chunk[]>();
    const s = decode<SwitchManualInt>();
    expectTypeOf(s.opcodes).toEqualTypeOf<readonly SwitchManualInt_Opcode[]>();
    expectTypeOf(s.opcodes[0]?.body).toEqualTypeOf<
      SwitchManualInt_Opcode_Intval | SwitchManualInt_Opcode_Strval | undefined
    >();
  });

  it('leave loadKsy untyped without a type argument', () => {
    expectTypeOf(loadKsy('').decode(new Uint8Array())).toEqualTypeOf<KsyObject>();
  });
});
