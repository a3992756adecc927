# jitgen-bench: smoke-size=1000
"""A decimal module workload.

Exercises: Decimal arithmetic in local contexts of various precisions, series
sums (e, pi by Machin's formula, square roots by Newton's method checked
against Decimal.sqrt), and a ledger of generated transactions using quantize
with several rounding modes, comparisons, context flags and formatting.
SIZE is the number of ledger transactions (the series work grows with it);
the checksum is a polynomial hash over the printed values.
"""

import decimal
import sys
import time
from decimal import Decimal, localcontext, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_DOWN

MOD = 1000000007
CENT = Decimal("0.01")
MILLI = Decimal("0.001")


class Rng:
    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return (self.state >> 8) % n


def text_hash(h, s):
    for ch in s:
        h = (h * 257 + ord(ch)) % MOD
    return h


def e_series(prec):
    with localcontext() as ctx:
        ctx.prec = prec + 5
        total = Decimal(1)
        term = Decimal(1)
        k = 1
        while True:
            term = term / k
            if term == 0 or term.adjusted() < -prec - 3:
                break
            total += term
            k += 1
    with localcontext() as ctx:
        ctx.prec = prec
        return +total


def arctan_inverse(x, prec):
    """arctan(1/x) for an integer x, by its Taylor series."""
    with localcontext() as ctx:
        ctx.prec = prec + 5
        x = Decimal(x)
        x2 = x * x
        power = 1 / x
        total = power
        n = 1
        sign = -1
        while True:
            power = power / x2
            n += 2
            term = power / n
            if term.adjusted() < -prec - 3:
                break
            if sign < 0:
                total -= term
            else:
                total += term
            sign = -sign
        return total


def machin_pi(prec):
    with localcontext() as ctx:
        ctx.prec = prec + 5
        value = 4 * (4 * arctan_inverse(5, prec) - arctan_inverse(239, prec))
    with localcontext() as ctx:
        ctx.prec = prec
        return +value


def newton_sqrt(n, prec):
    with localcontext() as ctx:
        ctx.prec = prec + 5
        n = Decimal(n)
        x = Decimal(int(n.sqrt(decimal.Context(prec=3))) + 1)
        while True:
            nxt = (x + n / x) / 2
            if nxt == x:
                break
            x = nxt
    with localcontext() as ctx:
        ctx.prec = prec
        return +x


def series(rounds):
    h = 0
    mismatches = 0
    for k in range(rounds):
        prec = 20 + (k * 7) % 40
        e = e_series(prec)
        p = machin_pi(prec)
        n = 2 + k % 30
        s = newton_sqrt(n, prec)
        with localcontext() as ctx:
            ctx.prec = prec
            if s != Decimal(n).sqrt():
                mismatches += 1
        h = text_hash(h, str(e)[-6:] + str(p)[-6:] + str(s)[-6:])
    return h, mismatches, str(e_series(40)), str(machin_pi(40))


def ledger(count, rng):
    rates = [Decimal("0.0125"), Decimal("0.035"), Decimal("0.0499"), Decimal("0.07")]
    tax = Decimal("0.19")
    balances = [Decimal("1000.00")] * 8
    fees = Decimal(0)
    interest_paid = Decimal(0)
    inexact = 0
    biggest = Decimal(0)
    with localcontext() as ctx:
        ctx.prec = 28
        for i in range(count):
            account = rng.below(8)
            amount = Decimal(rng.below(200000) - 100000).scaleb(-2)
            balance = balances[account] + amount
            if balance < 0 <= balances[account]:
                fee = (-balance * Decimal("0.015")).quantize(CENT, rounding=ROUND_HALF_UP)
                fees += fee
                balance -= fee
            if i % 16 == 15:
                rate = rates[account % 4]
                ctx.clear_flags()
                daily = balance * rate / 365
                if ctx.flags[decimal.Inexact]:
                    inexact += 1
                interest = (daily * 30).quantize(CENT, rounding=ROUND_HALF_EVEN)
                if interest > 0:
                    net = interest - (interest * tax).quantize(CENT, rounding=ROUND_DOWN)
                    balance += net
                    interest_paid += net
            balances[account] = balance
            if abs(balance) > biggest:
                biggest = abs(balance)
        total = sum(balances, Decimal(0))
        average = (total / len(balances)).quantize(MILLI)
    return balances, fees, interest_paid, inexact, biggest, total, average


def bench(size):
    h, mismatches, e40, pi40 = series(max(1, size // 80))
    balances, fees, interest, inexact, biggest, total, average = ledger(size, Rng(31337))
    lines = ["e: %s" % e40,
             "pi: %s" % pi40,
             "sqrt mismatches: %d" % mismatches,
             "ledger: %d transactions, total %s, average %s" % (size, total, average),
             "fees %s, interest %s, biggest %s, inexact %d"
             % (fees, interest, format(biggest, ",.2f"), inexact),
             "balances: %s" % " ".join(str(b) for b in balances)]
    checksum = h
    for line in lines:
        checksum = text_hash(checksum, line)
    return lines, checksum


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 58000
    first = None
    for i in range(1, iterations + 1):
        start = time.perf_counter()
        result = bench(size)
        print("iteration %d: %r" % (i, time.perf_counter() - start), flush=True)
        if first is None:
            first = result
        elif result != first:
            sys.exit("iteration %d: result %r differs from the first %r" % (i, result, first))
    lines, checksum = first
    for line in lines:
        print(line)
    print("checksum: %s" % checksum)


if __name__ == "__main__":
    main()
