# The rounding modes: each mode over positive and negative halves and near-halves, in
# quantize, in a context's precision, and in integral values; prec and overflow
# behaviour per mode.
import decimal
from decimal import Decimal, Context, localcontext

modes = [decimal.ROUND_UP, decimal.ROUND_DOWN, decimal.ROUND_CEILING, decimal.ROUND_FLOOR,
         decimal.ROUND_HALF_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_HALF_EVEN, decimal.ROUND_05UP]
values = ["2.5", "-2.5", "3.5", "2.51", "2.49", "-2.51", "0.5", "-0.5", "1.05", "1.15", "5.01", "0.04", "-9.99"]
for mode in modes:
    print(mode, [str(Decimal(v).quantize(Decimal("1"), rounding=mode)) for v in values])
    print(mode, [str(Decimal(v).quantize(Decimal("0.1"), rounding=mode)) for v in values])
    c = Context(prec=2, rounding=mode)
    print(mode, [str(c.plus(Decimal(v) * 10)) for v in values])
    print(mode, [str(Decimal(v).to_integral_value(rounding=mode)) for v in values])
    o = Context(prec=3, Emax=3, rounding=mode, traps=[])
    print(mode, o.multiply(Decimal("999"), 100), o.multiply(Decimal("-999"), 100))
with localcontext() as ctx:
    for prec in [1, 2, 3, 10, 28, 40]:
        ctx.prec = prec
        print(prec, Decimal(2) / 3, Decimal("123456.789") + 0, Decimal(1) / 7 * 7)
