"""Runs the differential cases of cases.ts in real CPython (pyodide, 3.14) and records the results.

Input: the global CASES_JSON (a JSON list of cases, see cases.ts for the shapes).
Output: the global RESULT, a JSON list (one entry per case) of lists (one entry per op) of
``{"r": <tagged value>, "mem": <hex>?}``.

Tagged values (the same encoding run-js.ts produces for Stride):
  {"N": canon, "d": display}  a JS number: Python int outside a q/Q context, or any float.
                              canon is 'nan' | 'inf' | '-inf' | '-0' | exact decimal integer |
                              'x' + the 16 hex digits of the IEEE double (non-integral values).
                              'd' is for humans only and is never compared.
  {"I": decimal}              a JS bigint: a Python int read from a q/Q view.
  {"b": bool} {"y": hex} {"s": str} {"n": 1} {"l": [...]} {"view": {prop: tagged}}
  {"err": ClassName, "msg": message}
  {"skip": reason}            a known, intended difference: the comparison ignores the op
                              (and, for a mutating op, the rest of the case).
  {"harness": message}        the case itself is broken (the test reports it).

Nothing here is hand-written expected output: every value comes from running the op.
"""

import array
import ctypes
import inspect
import json
import struct

import _testbuffer


class HarnessError(Exception):
    pass


class NoRegister(Exception):
    """An op names a register an earlier, failed op should have set: both sides report it."""


# ---------------------------------------------------------------------------------------------
# Exporters whose format is a ctypes structure ('T{...}'), keyed by the format ctypes reports.


class _S8(ctypes.Structure):
    _fields_ = [('a', ctypes.c_uint8), ('b', ctypes.c_uint32)]


class _S4(ctypes.Structure):
    _fields_ = [('x', ctypes.c_int16), ('y', ctypes.c_int16)]


class _P3(ctypes.Structure):
    _pack_ = 1
    _layout_ = 'ms'
    _fields_ = [('a', ctypes.c_uint8), ('b', ctypes.c_uint16)]


CTYPES = {}
for _cls in (_S8, _S4, _P3):
    CTYPES[memoryview((_cls * 1)()).format] = _cls


# ---------------------------------------------------------------------------------------------
# Layout helpers


def layout_bytes(data, itemsize, shape, strides, offset):
    """The bytes of the elements of an (offset, shape, strides) layout over data, in C order."""
    out = bytearray()
    ndim = len(shape)
    if any(s == 0 for s in shape):
        return bytes(out)
    idx = [0] * ndim
    while True:
        pos = offset + sum(i * s for i, s in zip(idx, strides))
        out += data[pos:pos + itemsize]
        d = ndim - 1
        while d >= 0:
            idx[d] += 1
            if idx[d] < shape[d]:
                break
            idx[d] = 0
            d -= 1
        if d < 0:
            return bytes(out)


def c_strides(shape, itemsize):
    strides = [0] * len(shape)
    acc = itemsize
    for d in range(len(shape) - 1, -1, -1):
        strides[d] = acc
        acc *= shape[d]
    return strides


# ---------------------------------------------------------------------------------------------
# Sources


class Base:
    """A source exporter: the object handed to memoryview() and a way to read its memory."""

    def __init__(self, obj, view, mem):
        self.obj = obj
        self.view = view
        self.mem = mem


def build_source(src):
    k = src['k']
    data = bytes.fromhex(src['hex'])
    ro = bool(src.get('ro'))
    if k == 'bytes':
        obj = bytes(data) if ro else bytearray(data)
        return Base(obj, memoryview(obj), lambda: bytes(obj))
    if k == 'array':
        obj = array.array(src['code'], data)
        view = memoryview(obj).toreadonly() if ro else memoryview(obj)
        return Base(obj, view, obj.tobytes)
    if k == 'nd':
        fmt = src['format']
        size = struct.calcsize(fmt)
        if len(data) % size:
            raise HarnessError('nd data is not a multiple of itemsize')
        shape = src['shape']
        items = [t[0] if len(t) == 1 else t for t in struct.iter_unpack(fmt, data)]
        kw = {'shape': shape, 'format': fmt, 'flags': 0 if ro else _testbuffer.ND_WRITABLE}
        if len(shape) == 0:
            if len(items) != 1:
                raise HarnessError('0-d nd source needs exactly one item')
            obj = _testbuffer.ndarray(items[0], **kw)
            strides, offset = [], 0
        else:
            strides = src.get('strides')
            offset = src.get('offset', 0)
            if strides is not None:
                kw['strides'] = strides
            else:
                strides = c_strides(shape, size)
            if offset:
                kw['offset'] = offset
            obj = _testbuffer.ndarray(items, **kw)
        want = layout_bytes(data, size, shape, strides, offset)
        if obj.tobytes() != want:
            raise HarnessError('nd source does not reproduce its bytes (format %r)' % fmt)
        view = memoryview(obj)
        if view.format != fmt:
            raise HarnessError('nd format %r came out as %r' % (fmt, view.format))
        return Base(obj, view, obj.tobytes)
    if k == 'ctypes':
        cls = CTYPES.get(src['format'])
        if cls is None:
            raise HarnessError('no ctypes structure for %r' % src['format'])
        ba = bytearray(data)
        n = src['n']
        obj = (cls * n).from_buffer(ba)
        view = memoryview(obj)
        if ro:
            view = view.toreadonly()
        return Base(obj, view, lambda: bytes(ba))
    raise HarnessError('unknown source kind %r' % k)


# ---------------------------------------------------------------------------------------------
# Arguments

def index_positions(name, nargs):
    """Arguments converted to Py_ssize_t without clamping (slice steps are clamped, but the
    clamped step ends up in the strides, so it is platform-dependent too)."""
    if name == 'get':
        return range(nargs)
    if name == 'set':
        return range(nargs - 1)
    if name in ('slice', 'assign'):
        return range(2, 3)  # the step (checked with step=True)
    if name == 'cast':
        return range(1, nargs)
    return range(0)


def check_index_int(v, step=False):
    """Py_ssize_t is 32-bit in pyodide (wasm32) but 64-bit where Stride's behaviour comes from.
    An index in [2**31, 2**63) (or [-2**63, -2**31)) fails with "cannot fit 'int' into an
    index-sized integer" there but not on LP64; a slice step is clamped to +-(2**31 - 1) there and
    +-(2**63 - 1) on LP64, and the step shows in the strides. Cases must not use such values."""
    if not isinstance(v, int) or isinstance(v, bool):
        return
    if step:
        bad = abs(v) >= 2**31
    else:
        bad = not -(2**31) <= v < 2**31 and -(2**63) <= v < 2**63
    if bad:
        raise HarnessError('index-sized integer %d differs between wasm32 and LP64' % v)


class Ctx:
    def __init__(self):
        self.regs = {}
        self.base = None


def to_py(a, ctx, index_ctx=False, step=False):
    if 'i' in a:
        v = int(a['i'])
        if float(v) != v:
            raise HarnessError('%d is not exact as a JS number; use the I tag' % v)
        if index_ctx:
            check_index_int(v, step)
        return v
    if 'I' in a:
        v = int(a['I'])
        if index_ctx:
            check_index_int(v, step)
        return v
    if 'f' in a:
        return float(a['f'])
    if 'b' in a:
        return bool(a['b'])
    if 'n' in a:
        return None
    if 'y' in a:
        return bytes.fromhex(a['y'])
    if 's' in a:
        return a['s']
    if 'l' in a:
        return [to_py(x, ctx, index_ctx) for x in a['l']]
    if 'v' in a:
        if a['v'] not in ctx.regs:
            raise NoRegister(a['v'])
        return ctx.regs[a['v']]
    if 'src' in a:
        b = build_source(a['src'])
        # Typed arrays travel as themselves (array.array); the other sources as a memoryview.
        return b.obj if a['src']['k'] == 'array' else b.view
    raise HarnessError('bad argument %r' % (a,))


# ---------------------------------------------------------------------------------------------
# Results


def canon_float(x):
    if x != x:
        return 'nan'
    if x == float('inf'):
        return 'inf'
    if x == float('-inf'):
        return '-inf'
    if x == 0.0 and struct.pack('>d', x)[0] & 0x80:
        return '-0'
    if x == int(x):
        return str(int(x))
    return 'x' + struct.pack('>d', x).hex()


BYTE_ORDER = '<>!='


def is_big_format(fmt):
    return fmt.lstrip('@' + BYTE_ORDER) in ('q', 'Q')


def ser(x, big=False):
    if isinstance(x, bool):
        return {'b': x}
    if isinstance(x, int):
        if big:
            return {'I': str(x)}
        return {'N': str(x), 'd': str(x)}
    if isinstance(x, float):
        return {'N': canon_float(x), 'd': repr(x)}
    if isinstance(x, (bytes, bytearray)):
        return {'y': bytes(x).hex()}
    if isinstance(x, str):
        return {'s': x}
    if x is None:
        return {'n': 1}
    if isinstance(x, (list, tuple)):
        return {'l': [ser(e, big) for e in x]}
    if isinstance(x, memoryview):
        return {'view': summary(x)}
    raise HarnessError('cannot serialize %r' % (x,))


def is_released(m):
    return repr(m).startswith('<released')


PROPS = (
    ('format', 'format'),
    ('itemsize', 'itemsize'),
    ('ndim', 'ndim'),
    ('shape', 'shape'),
    ('strides', 'strides'),
    ('nbytes', 'nbytes'),
    ('readonly', 'readonly'),
    ('c_contiguous', 'cContiguous'),
    ('f_contiguous', 'fContiguous'),
    ('contiguous', 'contiguous'),
)


def summary(m):
    out = {}
    for py_name, js_name in PROPS:
        out[js_name] = attempt(lambda: ser(getattr(m, py_name)))
    out['released'] = {'b': is_released(m)}
    return out


def attempt(fn):
    try:
        return fn()
    except HarnessError:
        raise
    except Exception as e:  # noqa: BLE001 - every Python exception is a result to compare
        return {'err': type(e).__name__, 'msg': str(e)}


# ---------------------------------------------------------------------------------------------
# Known, intended differences (see the list in cpython.test.ts)

READ_WRITE_OPS = ('get', 'set', 'tolist', 'count', 'index', 'iter')


def fmt_of(m):
    try:
        return m.format
    except ValueError:
        return None


def has_bad_bool(m):
    """A '?' view holding a byte other than 0 and 1 (gh-148390: wasm reads False, Stride True)."""
    fmt = fmt_of(m)
    if fmt is None or fmt.lstrip('@') != '?':
        return False
    return any(b > 1 for b in m.tobytes())


def struct_tolist(m):
    """tolist() of a byte-order prefixed view, which CPython's memoryview refuses: struct unpacks
    the C-order bytes item by item, nested by shape. This is what Stride must return."""
    items = [t[0] for t in struct.iter_unpack(m.format, m.tobytes())] if m.nbytes else []

    def nest(flat, shape):
        if not shape:
            return flat[0]
        if len(shape) == 1:
            return flat
        n = len(flat) // shape[0] if shape[0] else 0
        return [nest(flat[i * n:(i + 1) * n], shape[1:]) for i in range(shape[0])]

    return nest(items, list(m.shape))


def is_prefixed_single(fmt):
    return len(fmt) == 2 and fmt[0] in BYTE_ORDER


def skip_reason(op, m, args, result):
    name = op['op']
    fmt = fmt_of(m)
    if fmt is None:
        return None
    if name in READ_WRITE_OPS and len(fmt) == 2 and fmt[0] in BYTE_ORDER:
        if result.get('err') == 'NotImplementedError' and result['msg'].startswith(
            'memoryview: unsupported format'
        ):
            return 'byte-order prefixed format: Stride reads and writes it, CPython does not'
    if name == 'assign' and result.get('msg') == (
        'memoryview slice assignments are currently restricted to ndim = 1'
    ):
        return 'N-D slice assignment: Stride supports it, CPython does not'
    ok = 'err' not in result
    if ok and name in ('get', 'tolist', 'count', 'index', 'iter') and has_bad_bool(m):
        return "'?' byte other than 0/1: wasm CPython reads False, Stride True (gh-148390)"
    if ok and name == 'equals':
        other = args[0] if args else None
        if has_bad_bool(m) or (isinstance(other, memoryview) and has_bad_bool(other)):
            return "'?' byte other than 0/1: wasm CPython reads False, Stride True (gh-148390)"
    return None


# ---------------------------------------------------------------------------------------------
# Ops


def key_of(idx):
    if len(idx) == 0:
        return ()
    if len(idx) == 1:
        return idx[0]
    return tuple(idx)


def run_op(op, ctx):
    name = op['op']
    reg = op.get('r', 'm')
    raw_args = op.get('a', [])
    if reg not in ctx.regs:
        raise NoRegister(reg)
    m = ctx.regs[reg]
    positions = index_positions(name, len(raw_args))
    is_step = name in ('slice', 'assign')
    args = [to_py(a, ctx, k in positions, is_step) for k, a in enumerate(raw_args)]
    big = is_big_format(fmt_of(m) or '')

    def store(v):
        if op.get('to'):
            ctx.regs[op['to']] = v
        return ser(v)

    if name == 'get':
        return ser(m[key_of(args)], big)
    if name == 'set':
        m[key_of(args[:-1])] = args[-1]
        return ser(None)
    if name == 'slice':
        return store(m[slice(*args)])
    if name == 'assign':
        m[slice(*args[:3])] = args[3]
        return ser(None)
    if name == 'cast':
        # JS undefined means "not given": cast(f, undefined) is Python's cast(f).
        if len(args) > 1 and args[1] is None:
            return store(m.cast(args[0]))
        return store(m.cast(*args))
    if name == 'toreadonly':
        return store(m.toreadonly())
    if name == 'wrap':
        return store(memoryview(m))
    if name == 'tolist':
        return ser(m.tolist(), big)
    if name == 'tobytes':
        return ser(m.tobytes(*args))
    if name == 'hex':
        # JS undefined means "not given": hex(undefined, 2) is Python's hex(bytes_per_sep=2).
        if args and args[0] is None:
            return ser(m.hex(bytes_per_sep=args[1]) if len(args) > 1 else m.hex())
        return ser(m.hex(*args))
    if name == 'count':
        return ser(m.count(*args))
    if name == 'index':
        return ser(m.index(*args))
    if name == 'equals':
        return ser(m == args[0])
    if name == 'release':
        return ser(m.release())
    if name == 'dispose':
        return ser(m.__exit__(None, None, None))
    if name == 'len':
        return ser(len(m))
    if name == 'iter':
        return ser(list(m), big)
    if name == 'props':
        return {'view': summary(m)}
    if name == 'objIs':
        return ser(m.obj is ctx.base.obj)
    if name == 'mem':
        return ser(ctx.base.mem())
    if name == 'export':
        return store(m.__buffer__(inspect.BufferFlags.FULL_RO))
    if name == 'unexport':
        return ser(m.release())
    raise HarnessError('unknown op %r' % name)


MUTATING = ('set', 'assign')


def run_case(case):
    ctx = Ctx()
    results = []
    try:
        ctx.base = build_source(case['src'])
    except HarnessError as e:
        return [{'r': {'harness': str(e)}}]
    ctx.regs['m'] = ctx.base.view
    for op in case['ops']:
        try:
            m = ctx.regs.get(op.get('r', 'm'))
            r = attempt(lambda: run_op(op, ctx))
            if (
                m is not None
                and op['op'] == 'tolist'
                and r.get('err') == 'NotImplementedError'
                and is_prefixed_single(fmt_of(m) or '')
            ):
                # Not skipped: struct is the oracle for byte-order prefixed reads.
                r = ser(struct_tolist(m), is_big_format(fmt_of(m)))
            elif m is not None and 'err' in r:
                args = []
                try:
                    args = [to_py(a, ctx) for a in op.get('a', [])]
                except Exception:  # noqa: BLE001
                    pass
                reason = skip_reason(op, m, args, r)
                if reason:
                    r = {'skip': reason}
            elif m is not None and op['op'] in ('get', 'tolist', 'count', 'index', 'iter', 'equals'):
                args = [to_py(a, ctx) for a in op.get('a', [])] if op['op'] == 'equals' else []
                reason = skip_reason(op, m, args, r)
                if reason:
                    r = {'skip': reason}
            entry = {'r': r}
            if op['op'] in MUTATING:
                entry['mem'] = ctx.base.mem().hex()
            results.append(entry)
        except HarnessError as e:
            results.append({'r': {'harness': str(e)}})
    return results


def run_all(cases_json):
    cases = json.loads(cases_json)
    return json.dumps([run_case(c) for c in cases])


if 'CASES_JSON' in globals():
    RESULT = run_all(CASES_JSON)  # noqa: F821 - set by the test through pyodide's globals
