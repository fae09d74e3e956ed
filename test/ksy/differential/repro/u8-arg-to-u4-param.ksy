# Fixed in Stride; kept as a regression case. Was: A u8 field (a bigint) passed to a u4 param stays a bigint in Stride, and `value & 0x02 != 0` is
# then true for 0 (0n !== 0): Kaitai says false (the gallery's elf.ksy, section_header_flags on a
# 64-bit ELF's sh_flags). On 8 zero bytes.
meta:
  id: u8_arg_to_u4_param
  endian: le
seq:
  - id: flags
    type: u8
  - id: obj
    type: flags_obj(flags)
types:
  flags_obj:
    params:
      - id: value
        type: u4
    instances:
      alloc:
        value: value & 0x02 != 0
