# jitgen-bench: smoke-size=200
"""Exception-heavy code.

Exercises: raising and catching in loops, a hierarchy of custom exception
classes with fields, except clauses matching base classes and tuples,
try/except/else/finally, exceptions unwinding through several frames of
recursion (with finally blocks on the way), nested handlers that translate
exceptions (raise ... from ...), re-raising, built-in exceptions (KeyError,
IndexError, ZeroDivisionError, ValueError) and a context manager that
suppresses some exceptions.  SIZE is the number of rounds; the checksum
combines the counters of every part.
"""

import sys
import time

MOD = 1000000007


class AppError(Exception):
    def __init__(self, code, detail=0):
        Exception.__init__(self, code)
        self.code = code
        self.detail = detail


class ParseError(AppError):
    pass


class LimitError(AppError):
    pass


class RetryLater(AppError):
    pass


class Counters:
    def __init__(self):
        self.values = [0] * 12

    def bump(self, i, amount=1):
        self.values[i] = (self.values[i] + amount) % MOD


def parse_token(token):
    """Parses a token like '123' or 'x7'; bad tokens raise ParseError."""
    try:
        value = int(token)
    except ValueError:
        raise ParseError(1, len(token))
    if value > 900:
        raise LimitError(2, value)
    return value


def parse_line(tokens, counters):
    total = 0
    for token in tokens:
        try:
            total += parse_token(token)
        except LimitError as e:
            counters.bump(0)
            total += e.detail % 7
        except ParseError as e:
            counters.bump(1, e.detail)
        else:
            counters.bump(2)
    return total


def descend(depth, fail_at, counters):
    """Recurses to depth 0 and raises there if asked; finally blocks count
    the frames the exception passes through."""
    try:
        if depth == 0:
            if fail_at >= 0:
                raise LimitError(3, fail_at)
            return 1
        return descend(depth - 1, fail_at, counters) + 1
    finally:
        counters.bump(3)


def translate(key, table, counters):
    """Turns low-level errors into AppErrors, chaining the cause."""
    try:
        try:
            return table[key] // (key % 5)
        except KeyError as e:
            raise ParseError(4, key) from e
        except ZeroDivisionError:
            counters.bump(4)
            raise
    except ZeroDivisionError as e:
        raise LimitError(5, key) from e


class Suppress:
    """A context manager that swallows the given exception types."""

    def __init__(self, counters, *kinds):
        self.counters = counters
        self.kinds = kinds

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if kind is not None and issubclass(kind, self.kinds):
            self.counters.bump(5)
            return True
        return False


class Flaky:
    def __init__(self, failures):
        self.failures = failures
        self.calls = 0

    def run(self):
        self.calls += 1
        if self.calls <= self.failures:
            raise RetryLater(6, self.calls)
        return self.calls * 3


def with_retries(op, counters):
    attempt = 0
    while True:
        try:
            return op.run()
        except RetryLater as e:
            attempt += 1
            counters.bump(6, e.detail)
            if attempt > 5:
                return -1


def lookup_all(items, indexes, counters):
    found = 0
    for i in indexes:
        try:
            found += items[i]
        except IndexError:
            counters.bump(7)
        except (TypeError, KeyError):
            counters.bump(8)
    return found


def one_round(r, table, counters):
    acc = 0
    tokens = [str(r % 997), "x%d" % (r % 13), str((r * 7) % 1200), "%d" % (r % 50),
              "", str(r % 31)]
    acc += parse_line(tokens, counters)
    depth = 5 + r % 20
    try:
        acc += descend(depth, r % 3 - 1, counters)
    except AppError as e:
        acc += e.code + e.detail
    for key in (r, r + 1, r * 3 % 64, r % 10 + 100):
        try:
            acc += translate(key, table, counters)
        except ParseError as e:
            if isinstance(e.__cause__, KeyError):
                counters.bump(9)
            acc += e.detail % 11
        except LimitError as e:
            if isinstance(e.__cause__, ZeroDivisionError):
                counters.bump(10)
            acc += e.code
    with Suppress(counters, ZeroDivisionError, KeyError):
        acc += table[r % 80] // (r % 4)
    acc += with_retries(Flaky(r % 4), counters)
    acc += lookup_all([1, 2, 3, 4, 5], (r % 7, r % 5, (r * 3) % 9, None if r % 11 == 0 else 0),
                      counters)
    try:
        try:
            if r % 6 == 0:
                raise StopIteration
            acc += 1
        finally:
            counters.bump(11)
    except StopIteration:
        acc += 2
    return acc


def bench(size):
    counters = Counters()
    table = {}
    for k in range(64):
        table[k] = k * k + 1
    acc = 0
    for r in range(size):
        acc = (acc * 3 + one_round(r, table, counters)) % MOD
    checksum = acc
    for v in counters.values:
        checksum = (checksum * 1009 + v) % MOD
    lines = ["rounds: %d" % size,
             "counters: %s" % " ".join(str(v) for v in counters.values),
             "accumulator: %d" % acc]
    return lines, checksum


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 5800
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
