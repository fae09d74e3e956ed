# Fixed in Stride; kept as a regression case. Was: A value instance with `enum` over a field whose type switches between u4 and u8 (a bigint when
# u8) never equals an enum member in Stride: `tag_enum == tags::needed` is false, Kaitai says true
# (the gallery's elf.ksy: dynamic entries' is_value_str, value_str, flag_1_values on a 64-bit ELF).
# On 02 01 00 00 00 00 00 00 00.
meta:
  id: switch_u8_enum
  endian: le
seq:
  - id: bits
    type: u1
  - id: tag
    type:
      switch-on: bits
      cases:
        1: u4
        2: u8
instances:
  tag_enum:
    value: tag
    enum: tags
  is_needed:
    value: tag_enum == tags::needed
enums:
  tags:
    1: needed
