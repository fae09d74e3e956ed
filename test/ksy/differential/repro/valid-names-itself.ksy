# Fixed in Stride; kept as a regression case. Was: A `valid` expression that names the field it checks sees no value in Stride (the check runs
# before the field is set): "not equal, expected [undefined], but got [7]". Kaitai passes. The
# gallery's png.ksy does this in iTXt (`valid: 'compression_flag == 1 ? compression_methods::zlib
# : compression_method'`). On the byte 07.
meta:
  id: valid_names_itself
seq:
  - id: a
    type: u1
    valid: a
