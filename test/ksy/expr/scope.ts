// A Scope for the expression tests: fields of the current type as `v.<name>`, user types as plain
// objects of a few named types, enums from a table; and `run`, which compiles an expression in it
// and evaluates the JS text with `new Function`, the runtime helpers as `$rt`.
import {
  type Binding,
  compileSource,
  type EnumMember,
  intType,
  type KType,
  ksyRuntime,
  type Scope,
  type TypeRef,
} from '../../../packages/ksy/src/expr/index.js';

export interface TestType {
  readonly fields: Readonly<Record<string, KType>>;
  /** Fixed size in bits, for sizeof. */
  readonly bits?: number;
}

export const user = (name: string): KType => ({ kind: 'user', ref: name });

const ENUMS: Readonly<Record<string, Readonly<Record<string, number | bigint>>>> = {
  animal: { cat: 7, dog: 4, chicken: 12 },
  'block::color': { red: 1, huge: 0xffff_ffff_ffff_fff0n },
};

export class TestScope implements Scope {
  readonly runtime = '$rt';
  constructor(
    private readonly fields: Readonly<Record<string, KType>>,
    private readonly types: Readonly<Record<string, TestType>> = {},
  ) {}

  identifier(name: string): Binding | undefined {
    const type = this.fields[name];
    return type && { js: `v.${name}`, type, sizeof: `v._sizes.${name}` };
  }

  member(object: KType, objectJs: string, name: string): Binding | undefined {
    if (object.kind !== 'user') return undefined;
    const type = this.types[object.ref as string]?.fields[name];
    return type && { js: `${objectJs}.${name}`, type, sizeof: `${objectJs}._sizes.${name}` };
  }

  enumMember(type: TypeRef | undefined, name: string, member: string): EnumMember | undefined {
    const path = [...(type?.path ?? []), name];
    const value = ENUMS[path.join('::')]?.[member];
    if (value === undefined) return undefined;
    return { value, type: { kind: 'enum', path, int: intType(64, typeof value === 'bigint') } };
  }

  userType(type: TypeRef): { type: KType; bits?: number } | undefined {
    const name = type.path.join('::');
    const t = this.types[name];
    if (!t) return undefined;
    return t.bits === undefined ? { type: user(name) } : { type: user(name), bits: t.bits };
  }
}

/** Compiles `source` in `scope` and evaluates it with `values` as `v`. */
export function run(source: string, scope: Scope = new TestScope({}), values: object = {}): unknown {
  const { js } = compileSource(source, scope);
  return new Function('$rt', 'v', `return ${js};`)(ksyRuntime, values);
}
