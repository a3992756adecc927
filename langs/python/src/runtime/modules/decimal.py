# The Python-facing part of jitpy's `decimal` module: the classes (Decimal, Context, the
# signals, DecimalTuple) whose methods call the native functions of
# runtime/modules/decimal.rs, where the arithmetic is (runtime/decimal/).

__version__ = '1.70'
__libmpdec_version__ = '2.5.1'

ROUND_DOWN = 'ROUND_DOWN'
ROUND_HALF_UP = 'ROUND_HALF_UP'
ROUND_HALF_EVEN = 'ROUND_HALF_EVEN'
ROUND_CEILING = 'ROUND_CEILING'
ROUND_FLOOR = 'ROUND_FLOOR'
ROUND_UP = 'ROUND_UP'
ROUND_HALF_DOWN = 'ROUND_HALF_DOWN'
ROUND_05UP = 'ROUND_05UP'
_ROUNDINGS = (ROUND_UP, ROUND_DOWN, ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP,
              ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_05UP)

MAX_PREC = 999999999999999999
MAX_EMAX = 999999999999999999
MIN_EMIN = -999999999999999999
MIN_ETINY = -1999999999999999997
HAVE_THREADS = True
HAVE_CONTEXTVAR = True


class DecimalException(ArithmeticError):
    pass


class Clamped(DecimalException):
    pass


class InvalidOperation(DecimalException):
    pass


class ConversionSyntax(InvalidOperation):
    pass


class DivisionByZero(DecimalException, ZeroDivisionError):
    pass


class DivisionImpossible(InvalidOperation):
    pass


class DivisionUndefined(InvalidOperation, ZeroDivisionError):
    pass


class Inexact(DecimalException):
    pass


class InvalidContext(InvalidOperation):
    pass


class Rounded(DecimalException):
    pass


class Subnormal(DecimalException):
    pass


class Overflow(Inexact, Rounded):
    pass


class Underflow(Inexact, Rounded, Subnormal):
    pass


class FloatOperation(DecimalException, TypeError):
    pass


# Each signal with its status bits (in the order of the bits, as reprs list them).
_SIGNAL_BITS = ((Clamped, 1), (InvalidOperation, 2 | 8 | 16 | 32 | 128 | 256 | 512),
                (DivisionByZero, 4), (Inexact, 64), (FloatOperation, 1024),
                (Overflow, 2048), (Rounded, 4096), (Subnormal, 8192), (Underflow, 16384))
_BITS = dict(_SIGNAL_BITS)
# The order of CPython's signal dictionaries.
_SIGNAL_ORDER = (InvalidOperation, FloatOperation, DivisionByZero, Overflow, Underflow,
                 Subnormal, Inexact, Rounded, Clamped)


def _bits_of(signals):
    if isinstance(signals, dict):
        if len(signals) != len(_SIGNAL_BITS) or any(s not in _BITS for s in signals):
            raise KeyError("invalid signal dict")
        signals = [s for s in signals if signals[s]]
    bits = 0
    for s in signals:
        if s not in _BITS:
            raise KeyError("invalid signal dict")
        bits |= _BITS[s]
    return bits


class _SignalDict:
    """A context's flags or traps, by signal class."""

    def __init__(self, context, name):
        self._context = context
        self._name = name

    def _check(self, key):
        if key not in _BITS:
            raise KeyError(key)
        return _BITS[key]

    def __getitem__(self, key):
        return bool(getattr(self._context, self._name) & self._check(key))

    def __setitem__(self, key, value):
        bits = self._check(key)
        old = getattr(self._context, self._name)
        object.__setattr__(self._context, self._name, (old | bits) if value else (old & ~bits))

    def __len__(self):
        return len(_SIGNAL_ORDER)

    def __iter__(self):
        return iter(_SIGNAL_ORDER)

    def __contains__(self, key):
        return key in _BITS

    def keys(self):
        return list(_SIGNAL_ORDER)

    def values(self):
        return [self[s] for s in _SIGNAL_ORDER]

    def items(self):
        return [(s, self[s]) for s in _SIGNAL_ORDER]

    def copy(self):
        return dict(self.items())

    def __eq__(self, other):
        if isinstance(other, _SignalDict):
            other = other.copy()
        return self.copy() == other

    def __repr__(self):
        return '{' + ', '.join('%s:%s' % (s, self[s]) for s in _SIGNAL_ORDER) + '}'


class Context:
    """The environment of decimal operations."""

    # The native functions read these by position (in sorted order).
    __slots__ = ('prec', 'rounding', 'Emin', 'Emax', 'capitals', 'clamp', '_flags', '_traps')

    def __init__(self, prec=None, rounding=None, Emin=None, Emax=None, capitals=None,
                 clamp=None, flags=None, traps=None):
        base = _default_template
        self.prec = base.prec if prec is None else prec
        self.rounding = base.rounding if rounding is None else rounding
        self.Emin = base.Emin if Emin is None else Emin
        self.Emax = base.Emax if Emax is None else Emax
        self.capitals = base.capitals if capitals is None else capitals
        self.clamp = base.clamp if clamp is None else clamp
        object.__setattr__(self, '_flags', 0 if flags is None else _bits_of(flags))
        object.__setattr__(self, '_traps', base._traps if traps is None else _bits_of(traps))

    def __setattr__(self, name, value):
        if name in ('prec', 'Emin', 'Emax', 'capitals', 'clamp'):
            if not isinstance(value, int):
                raise TypeError('an integer is required')
            if name == 'prec' and not 1 <= value <= MAX_PREC:
                raise ValueError('valid range for prec is [1, MAX_PREC]')
            if name == 'Emin' and not MIN_EMIN <= value <= 0:
                raise ValueError('valid range for Emin is [MIN_EMIN, 0]')
            if name == 'Emax' and not 0 <= value <= MAX_EMAX:
                raise ValueError('valid range for Emax is [0, MAX_EMAX]')
            if name == 'capitals' and value not in (0, 1):
                raise ValueError('valid values for capitals are 0 or 1')
            if name == 'clamp' and value not in (0, 1):
                raise ValueError('valid values for clamp are 0 or 1')
        elif name == 'rounding':
            if value not in _ROUNDINGS:
                raise TypeError('valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, '
                                'ROUND_UP, ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, '
                                'ROUND_HALF_EVEN,\n   ROUND_05UP]')
        elif name == 'flags':
            value = _bits_of(value)
            name = '_flags'
        elif name == 'traps':
            value = _bits_of(value)
            name = '_traps'
        else:
            raise AttributeError("'decimal.Context' object has no attribute '%s'" % name)
        object.__setattr__(self, name, value)

    @property
    def flags(self):
        return _SignalDict(self, '_flags')

    @property
    def traps(self):
        return _SignalDict(self, '_traps')

    def __repr__(self):
        def names(bits):
            # In the order of the lowest status bit of each signal that is set.
            found = []
            for bit in range(15):
                if bits & (1 << bit):
                    signal = next(s for s, b in _SIGNAL_BITS if b & (1 << bit))
                    if signal not in found:
                        found.append(signal)
            return ', '.join(s.__name__ for s in found)
        return ('Context(prec=%d, rounding=%s, Emin=%d, Emax=%d, capitals=%d, clamp=%d, '
                'flags=[%s], traps=[%s])'
                % (self.prec, self.rounding, self.Emin, self.Emax, self.capitals, self.clamp,
                   names(self._flags), names(self._traps)))

    def clear_flags(self):
        object.__setattr__(self, '_flags', 0)

    def clear_traps(self):
        object.__setattr__(self, '_traps', 0)

    def copy(self):
        c = Context(self.prec, self.rounding, self.Emin, self.Emax, self.capitals,
                    self.clamp, [], [])
        object.__setattr__(c, '_flags', self._flags)
        object.__setattr__(c, '_traps', self._traps)
        return c

    __copy__ = copy

    def Etiny(self):
        return self.Emin - self.prec + 1

    def Etop(self):
        return self.Emax - self.prec + 1

    def create_decimal(self, num='0'):
        return _new(Decimal, num, self, 2)

    def create_decimal_from_float(self, f):
        return _new(Decimal, f, self, 3)

    def add(self, a, b):
        return _binary(0, a, b, self, None, 1)

    def subtract(self, a, b):
        return _binary(1, a, b, self, None, 1)

    def multiply(self, a, b):
        return _binary(2, a, b, self, None, 1)

    def divide(self, a, b):
        return _binary(3, a, b, self, None, 1)

    def divide_int(self, a, b):
        return _binary(4, a, b, self, None, 1)

    def remainder(self, a, b):
        return _binary(5, a, b, self, None, 1)

    def power(self, a, b, modulo=None):
        if modulo is not None:
            return _power_modulo(a, b, modulo, self)
        return _binary(6, a, b, self, None, 1)

    def quantize(self, a, b):
        return _binary(7, a, b, self, None, 1)

    def compare(self, a, b):
        return _binary(8, a, b, self, None, 1)

    def max(self, a, b):
        return _binary(9, a, b, self, None, 1)

    def min(self, a, b):
        return _binary(10, a, b, self, None, 1)

    def scaleb(self, a, b):
        return _binary(11, a, b, self, None, 1)

    def remainder_near(self, a, b):
        return _binary(12, a, b, self, None, 1)

    def divmod(self, a, b):
        return _binary(13, a, b, self, None, 1)

    def max_mag(self, a, b):
        return _binary(14, a, b, self, None, 1)

    def min_mag(self, a, b):
        return _binary(15, a, b, self, None, 1)

    def copy_sign(self, a, b):
        return _binary(16, a, b, self, None, 1)

    def plus(self, a):
        return _unary(0, a, self, None, 1)

    def minus(self, a):
        return _unary(1, a, self, None, 1)

    def abs(self, a):
        return _unary(2, a, self, None, 1)

    def sqrt(self, a):
        return _unary(3, a, self, None, 1)

    def exp(self, a):
        return _unary(4, a, self, None, 1)

    def ln(self, a):
        return _unary(5, a, self, None, 1)

    def log10(self, a):
        return _unary(6, a, self, None, 1)

    def normalize(self, a):
        return _unary(7, a, self, None, 1)

    def to_integral_value(self, a):
        return _unary(8, a, self, None, 1)

    to_integral = to_integral_value

    def to_integral_exact(self, a):
        return _unary(9, a, self, None, 1)

    def copy_abs(self, a):
        return _unary(11, a, self, None, 1)

    def copy_negate(self, a):
        return _unary(12, a, self, None, 1)

    def fma(self, a, b, c):
        return _fma(a, b, c, self, 1)

    def logb(self, a):
        return _unary(13, a, self, None, 1).logb(self)

    def next_plus(self, a):
        return _unary(13, a, self, None, 1).next_plus(self)

    def next_minus(self, a):
        return _unary(13, a, self, None, 1).next_minus(self)

    def to_sci_string(self, a):
        return _info(0, _unary(13, a, self, None, 1), self)

    def to_eng_string(self, a):
        return _info(2, _unary(13, a, self, None, 1), self)

    def is_nan(self, a):
        return _unary(13, a, self, None, 1).is_nan()

    def is_zero(self, a):
        return _unary(13, a, self, None, 1).is_zero()

    def is_signed(self, a):
        return _unary(13, a, self, None, 1).is_signed()

    def is_finite(self, a):
        return _unary(13, a, self, None, 1).is_finite()

    def is_infinite(self, a):
        return _unary(13, a, self, None, 1).is_infinite()


class Decimal:
    """A decimal floating-point number."""

    __slots__ = ('_v',)

    def __new__(cls, value='0', context=None):
        return _new(cls, value, context, 0)

    @classmethod
    def from_float(cls, f):
        return _new(cls, f, None, 1)

    def __repr__(self):
        return "Decimal('%s')" % _info(0, self, _current)

    def __str__(self):
        return _info(0, self, _current)

    def to_eng_string(self, context=None):
        return _info(2, self, _current if context is None else context)

    def __format__(self, specifier, _localeconv=None):
        return _info(3, self, specifier)

    def __hash__(self):
        h = _info(4, self, None)
        if h is None:
            return object.__hash__(self)
        return h

    def adjusted(self):
        return _info(5, self, None)

    def as_tuple(self):
        return DecimalTuple(*_info(6, self, None))

    def __int__(self):
        return _info(7, self, None)

    __trunc__ = __int__

    def __float__(self):
        return _info(8, self, None)

    def as_integer_ratio(self):
        return _info(9, self, None)

    def __bool__(self):
        return _info(10, self, None)

    def __round__(self, n=None):
        if n is None:
            return _info(11, self, None)
        return _info(12, self, n)

    def __floor__(self):
        return int(_unary(8, self, _current, ROUND_FLOOR, 0))

    def __ceil__(self):
        return int(_unary(8, self, _current, ROUND_CEILING, 0))

    def is_nan(self):
        return _info(13, self, None)

    def is_snan(self):
        return _info(14, self, None)

    def is_qnan(self):
        return _info(15, self, None)

    def is_zero(self):
        return _info(16, self, None)

    def is_signed(self):
        return _info(17, self, None)

    def is_finite(self):
        return _info(18, self, None)

    def is_infinite(self):
        return _info(19, self, None)

    def is_normal(self, context=None):
        return _info(20, self, context)

    def is_subnormal(self, context=None):
        return _info(21, self, context)

    def is_canonical(self):
        return True

    def canonical(self):
        return self

    def conjugate(self):
        return self

    @property
    def real(self):
        return self

    @property
    def imag(self):
        return Decimal(0)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return (type(self), (str(self),))

    def __eq__(self, other, context=None):
        return _compare(0, self, other)

    def __ne__(self, other, context=None):
        return _compare(1, self, other)

    def __lt__(self, other, context=None):
        return _compare(2, self, other)

    def __le__(self, other, context=None):
        return _compare(3, self, other)

    def __gt__(self, other, context=None):
        return _compare(4, self, other)

    def __ge__(self, other, context=None):
        return _compare(5, self, other)

    def __add__(self, other, context=None):
        return _binary(0, self, other, _current if context is None else context, None, 0)

    def __radd__(self, other, context=None):
        return _binary(0, other, self, _current if context is None else context, None, 0)

    def __sub__(self, other, context=None):
        return _binary(1, self, other, _current if context is None else context, None, 0)

    def __rsub__(self, other, context=None):
        return _binary(1, other, self, _current if context is None else context, None, 0)

    def __mul__(self, other, context=None):
        return _binary(2, self, other, _current if context is None else context, None, 0)

    def __rmul__(self, other, context=None):
        return _binary(2, other, self, _current if context is None else context, None, 0)

    def __truediv__(self, other, context=None):
        return _binary(3, self, other, _current if context is None else context, None, 0)

    def __rtruediv__(self, other, context=None):
        return _binary(3, other, self, _current if context is None else context, None, 0)

    def __floordiv__(self, other, context=None):
        return _binary(4, self, other, _current if context is None else context, None, 0)

    def __rfloordiv__(self, other, context=None):
        return _binary(4, other, self, _current if context is None else context, None, 0)

    def __mod__(self, other, context=None):
        return _binary(5, self, other, _current if context is None else context, None, 0)

    def __rmod__(self, other, context=None):
        return _binary(5, other, self, _current if context is None else context, None, 0)

    def __divmod__(self, other, context=None):
        return _binary(13, self, other, _current if context is None else context, None, 0)

    def __rdivmod__(self, other, context=None):
        return _binary(13, other, self, _current if context is None else context, None, 0)

    def __pow__(self, other, modulo=None, context=None):
        if modulo is not None:
            return _power_modulo(self, other, modulo, context)
        return _binary(6, self, other, _current if context is None else context, None, 0)

    def __rpow__(self, other, modulo=None, context=None):
        return _binary(6, other, self, _current if context is None else context, None, 0)

    def __pos__(self, context=None):
        return _unary(0, self, _current if context is None else context, None, 0)

    def __neg__(self, context=None):
        return _unary(1, self, _current if context is None else context, None, 0)

    def __abs__(self, context=None):
        return _unary(2, self, _current if context is None else context, None, 0)

    def sqrt(self, context=None):
        return _unary(3, self, _current if context is None else context, None, 0)

    def exp(self, context=None):
        return _unary(4, self, _current if context is None else context, None, 0)

    def ln(self, context=None):
        return _unary(5, self, _current if context is None else context, None, 0)

    def log10(self, context=None):
        return _unary(6, self, _current if context is None else context, None, 0)

    def normalize(self, context=None):
        return _unary(7, self, _current if context is None else context, None, 0)

    def to_integral_value(self, rounding=None, context=None):
        return _unary(8, self, _current if context is None else context, rounding, 0)

    to_integral = to_integral_value

    def to_integral_exact(self, rounding=None, context=None):
        return _unary(9, self, _current if context is None else context, rounding, 0)

    def copy_abs(self):
        return _unary(11, self, None, None, 0)

    def copy_negate(self):
        return _unary(12, self, None, None, 0)

    def quantize(self, exp, rounding=None, context=None):
        return _binary(7, self, exp, _current if context is None else context, rounding, 1)

    def compare(self, other, context=None):
        return _binary(8, self, other, _current if context is None else context, None, 1)

    def max(self, other, context=None):
        return _binary(9, self, other, _current if context is None else context, None, 1)

    def min(self, other, context=None):
        return _binary(10, self, other, _current if context is None else context, None, 1)

    def scaleb(self, other, context=None):
        return _binary(11, self, other, _current if context is None else context, None, 1)

    def remainder_near(self, other, context=None):
        return _binary(12, self, other, _current if context is None else context, None, 1)

    def max_mag(self, other, context=None):
        return _binary(14, self, other, _current if context is None else context, None, 1)

    def min_mag(self, other, context=None):
        return _binary(15, self, other, _current if context is None else context, None, 1)

    def copy_sign(self, other, context=None):
        return _binary(16, self, other, _current if context is None else context, None, 1)

    def fma(self, other, third, context=None):
        return _fma(self, other, third, _current if context is None else context, 1)

    def compare_signal(self, other, context=None):
        other = _unary(13, other, _current if context is None else context, None, 1)
        if self.is_nan() or other.is_nan():
            _compare(2, self, other)
        return self.compare(other, context)

    def same_quantum(self, other, context=None):
        a, b = self.as_tuple()[2], _unary(13, other, _current if context is None else context, None, 1).as_tuple()[2]
        if isinstance(a, str) or isinstance(b, str):
            return a == b or (a in 'nN' and b in 'nN')
        return a == b

    def radix(self):
        return Decimal(10)

    def logb(self, context=None):
        context = _current if context is None else context
        if self.is_nan():
            return _unary(0, self, context, None, 0)
        if self.is_infinite():
            return Decimal('Infinity')
        if self.is_zero():
            # -1 / 0: -Infinity, raising DivisionByZero.
            return _binary(3, -1, 0, context, None, 1)
        return context.create_decimal(self.adjusted())

    def _next(self, context, rounding):
        """The closest representable number above (ROUND_CEILING) or below."""
        context = _current if context is None else context
        if self.is_nan():
            return _unary(0, self, context, None, 0)
        up = rounding == ROUND_CEILING
        if self.is_infinite():
            if self.is_signed() != up:
                return Decimal(self)
            largest = Decimal((0, (9,) * context.prec, context.Etop()))
            return largest.copy_negate() if up else largest
        work = context.copy()
        work.rounding = rounding
        work.traps = []
        tiny = Decimal((0 if up else 1, (1,), work.Etiny() - 1))
        return work.add(self, tiny)

    def next_plus(self, context=None):
        return self._next(context, ROUND_CEILING)

    def next_minus(self, context=None):
        return self._next(context, ROUND_FLOOR)

    def number_class(self, context=None):
        if self.is_snan():
            return 'sNaN'
        if self.is_nan():
            return 'NaN'
        sign = '-' if self.is_signed() else '+'
        if self.is_infinite():
            return sign + 'Infinity'
        if self.is_zero():
            return sign + 'Zero'
        if self.is_subnormal(context):
            return sign + 'Subnormal'
        return sign + 'Normal'


def _power_modulo(base, exponent, modulo, context):
    """pow(base, exponent, modulo): integers only, the exponent not negative, the modulus
    not zero; the sign of the result is that of base ** exponent."""
    if context is None:
        context = _current
    base, exponent, modulo = (_unary(13, x, context, None, 1) for x in (base, exponent, modulo))
    operands = (base, exponent, modulo)
    if (any(not x.is_finite() or x != x.to_integral_value() for x in operands)
            or exponent < 0 or modulo == 0 or len(str(abs(int(modulo)))) > context.prec):
        # Decimal(1) % 0 raises InvalidOperation as trapped, else is NaN.
        return _binary(5, Decimal(1), Decimal(0), context, None, 1)
    n = int(exponent)
    result = pow(abs(int(base)), n, abs(int(modulo)))
    if base < 0 and n % 2 == 1:
        result = -result
    return Decimal(result)


class DecimalTuple(tuple):
    """DecimalTuple(sign, digits, exponent)"""

    def __new__(cls, sign, digits, exponent):
        return tuple.__new__(cls, (sign, digits, exponent))

    @property
    def sign(self):
        return self[0]

    @property
    def digits(self):
        return self[1]

    @property
    def exponent(self):
        return self[2]

    def __repr__(self):
        return 'DecimalTuple(sign=%r, digits=%r, exponent=%r)' % tuple(self)


_default_template = Context.__new__(Context)
object.__setattr__(_default_template, 'prec', 28)
object.__setattr__(_default_template, 'rounding', ROUND_HALF_EVEN)
object.__setattr__(_default_template, 'Emin', -999999)
object.__setattr__(_default_template, 'Emax', 999999)
object.__setattr__(_default_template, 'capitals', 1)
object.__setattr__(_default_template, 'clamp', 0)
object.__setattr__(_default_template, '_flags', 0)
object.__setattr__(_default_template, '_traps', _bits_of([InvalidOperation, DivisionByZero, Overflow]))
DefaultContext = _default_template
BasicContext = Context(prec=9, rounding=ROUND_HALF_UP,
                       traps=[InvalidOperation, DivisionByZero, Overflow, Underflow, Clamped])
ExtendedContext = Context(prec=9, traps=[])
_current = DefaultContext.copy()


def getcontext():
    return _current


def setcontext(context):
    global _current
    if not isinstance(context, Context):
        raise TypeError('argument must be a context')
    if context is DefaultContext or context is BasicContext or context is ExtendedContext:
        context = context.copy()
        context.clear_flags()
    _current = context


class _ContextManager:
    def __init__(self, context):
        self.new_context = context

    def __enter__(self):
        self.saved_context = getcontext()
        setcontext(self.new_context)
        return self.new_context

    def __exit__(self, t, v, tb):
        setcontext(self.saved_context)


def localcontext(ctx=None, **kwargs):
    if ctx is None:
        ctx = getcontext()
    ctx = ctx.copy()
    for name, value in kwargs.items():
        if name not in ('prec', 'rounding', 'Emin', 'Emax', 'capitals', 'clamp', 'flags',
                        'traps'):
            raise TypeError("'%s' is an invalid keyword argument for this function" % name)
        setattr(ctx, name, value)
    return _ContextManager(ctx)


__all__ = ['Decimal', 'Context', 'DecimalTuple', 'DefaultContext', 'BasicContext',
           'ExtendedContext', 'DecimalException', 'Clamped', 'InvalidOperation',
           'DivisionByZero', 'Inexact', 'Rounded', 'Subnormal', 'Overflow', 'Underflow',
           'FloatOperation', 'DivisionImpossible', 'InvalidContext', 'ConversionSyntax',
           'DivisionUndefined', 'ROUND_DOWN', 'ROUND_HALF_UP', 'ROUND_HALF_EVEN',
           'ROUND_CEILING', 'ROUND_FLOOR', 'ROUND_UP', 'ROUND_HALF_DOWN', 'ROUND_05UP',
           'setcontext', 'getcontext', 'localcontext', 'MAX_PREC', 'MAX_EMAX', 'MIN_EMIN',
           'MIN_ETINY', 'HAVE_THREADS', 'HAVE_CONTEXTVAR']
