# Fixed in Stride; kept as a regression case. Was: A type's params are not readable on Stride's objects: Kaitai's `body.num` is 7, Stride's object
# has no `num` (the gallery's protocol_body.protocol_num, elf's *_flags.value).
meta:
  id: param_not_readable
seq:
  - id: num
    type: u1
  - id: body
    type: with_param(num)
types:
  with_param:
    params:
      - id: num
        type: u1
