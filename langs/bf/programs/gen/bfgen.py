"""bfgen: a tiny macro language that compiles to Brainfuck.

A program is Python code calling the methods of a `Gen`: named cells (`var`), temporaries
(`temp`, handed back zero), `add`/`set`/`clear`/`move`/`copy`, structured control flow
(`while_`, `if_`, `if_consume` and the constant-time `if_zero` as `with` blocks; `if_else`
and `repeat` taking functions), comparisons with constants, multiplication, division by a
constant and decimal printing of 8-bit values, and `Reg`: fixed-width binary integers (one
cell per bit, two's complement, interleaved in a `Lanes` block) with addition, negation,
shifts and multiplication, for fixed-point arithmetic.

The generator tracks the pointer statically: every loop ends where it started (the body
returns to the loop's cell before `]`), so the position is known after every statement.
Cells are 8 bits and wrap, as the `bf` interpreter's. `python3 bfgen.py` runs a self-test of
the macros (each in a small program run by bfi.py).
"""

from contextlib import contextmanager


class Gen:
    """Brainfuck code being generated, and the cells it uses."""

    def __init__(self):
        self.code = []
        self.pos = 0
        self.used = set()
        self.free = []
        self.top = 0

    # -- cells ------------------------------------------------------------------------------

    def var(self, count=1):
        """`count` fresh consecutive cells (zero); the first one's index."""
        if count == 1 and self.free:
            cell = self.free.pop()
        else:
            cell = self.top
            self.top += count
        for c in range(cell, cell + count):
            self.used.add(c)
        return cell

    def release(self, *cells):
        """Gives single cells back (they must be zero again)."""
        for cell in cells:
            self.used.discard(cell)
            self.free.append(cell)

    @contextmanager
    def temp(self, count=1):
        """Temporary cells, zero on entry, which the body must leave zero."""
        cells = [self.var() for _ in range(count)]
        yield cells[0] if count == 1 else cells
        self.release(*cells)

    # -- output -----------------------------------------------------------------------------

    def emit(self, text):
        self.code.append(text)

    def comment(self, text):
        """A comment on a line of its own (command characters are replaced)."""
        for c in "+-<>[].,":
            text = text.replace(c, " ")
        self.code.append("\n" + text + "\n")

    def at(self, cell):
        """Moves the pointer to `cell`."""
        delta = cell - self.pos
        self.emit(">" * delta if delta > 0 else "<" * -delta)
        self.pos = cell

    def text(self, width=72):
        """The program, wrapped at `width` columns (comments stay on their own lines)."""
        lines = []
        for chunk in "".join(self.code).split("\n"):
            if not any(c in "+-<>[].," for c in chunk):
                if chunk.strip():
                    lines.append(chunk.strip())
                continue
            while chunk:
                lines.append(chunk[:width])
                chunk = chunk[width:]
        return "\n".join(lines) + "\n"

    # -- basic operations -------------------------------------------------------------------

    def add(self, cell, n):
        """cell += n (modulo 256)."""
        n %= 256
        self.at(cell)
        self.emit("+" * n if n <= 128 else "-" * (256 - n))

    def clear(self, cell):
        self.at(cell)
        self.emit("[-]")

    def set(self, cell, n):
        self.clear(cell)
        self.add(cell, n)

    def move(self, src, *dsts, factor=1):
        """Adds `factor * src` to each destination (negative: subtracts); src becomes 0."""
        with self.while_(src):
            self.add(src, -1)
            for d in dsts:
                self.add(d, factor)

    def copy(self, src, *dsts, via=None):
        """Adds src to each destination; src is kept. `via` is the scratch cell to use (zero;
        by default a temporary)."""
        if via is not None:
            self.move(src, via, *dsts)
            self.move(via, src)
            return
        with self.temp() as t:
            self.copy(src, *dsts, via=t)

    def put(self, cell):
        self.at(cell)
        self.emit(".")

    def get(self, cell):
        self.at(cell)
        self.emit(",")

    def print_text(self, text, via=None):
        """Prints constant text, building each character in the scratch cell `via` (zero;
        by default a temporary)."""
        if via is None:
            with self.temp() as t:
                self.print_text(text, via=t)
            return
        value = 0
        for ch in text.encode():
            self.add(via, ch - value)
            self.put(via)
            value = ch
        self.add(via, -value)

    # -- control flow -----------------------------------------------------------------------

    @contextmanager
    def while_(self, cell):
        """while cell != 0: body"""
        self.at(cell)
        self.emit("[")
        yield
        self.at(cell)
        self.emit("]")

    @contextmanager
    def if_(self, cell):
        """if cell != 0: body (cell is kept; the body may change it)."""
        with self.temp() as t:
            self.copy(cell, t)
            with self.while_(t):
                yield
                self.clear(t)

    @contextmanager
    def if_consume(self, cell):
        """if cell != 0: body; cell becomes 0 (cheaper than `if_`)."""
        with self.while_(cell):
            yield
            self.clear(cell)

    def if_else(self, cell, then, otherwise):
        """Calls `then()` if cell != 0, else `otherwise()`; cell is kept."""
        with self.temp() as flag:
            self.add(flag, 1)
            with self.if_(cell):
                then()
                self.add(flag, -1)
            with self.if_consume(flag):
                otherwise()

    def zero_test_cells(self):
        """Three consecutive cells (value, 1, 0) for `if_zero`; the index of the first."""
        cell = self.var(3)
        self.add(cell + 1, 1)
        return cell

    @contextmanager
    def if_zero(self, cell):
        """if cell == 0: body, in constant time whatever the value (no copy). `cell` must
        come from `zero_test_cells`: the cell after it holds 1, the one after that 0.

            [>-]>[- BODY >]<+

        If the cell is not zero, `[>-]` stops on the 1 (now 0) and `>` goes to the 0, so
        the body is skipped; if it is zero, `>` lands on the 1, the body runs. Either way
        the pointer ends on the third cell, then the 1 is put back. The body starts and must
        end on the second cell (it may change the first).
        """
        one, zero = cell + 1, cell + 2
        self.at(cell)
        self.emit("[>-]>[-")
        self.pos = one
        yield
        self.at(one)
        self.emit(">]<+")
        self.pos = one

    def not_(self, cell, dst):
        """dst = 1 if cell == 0 else 0 (dst must be 0)."""
        self.add(dst, 1)
        with self.if_(cell):
            self.add(dst, -1)

    def eq_const(self, cell, k, dst):
        """dst = 1 if cell == k else 0 (dst must be 0)."""
        with self.temp() as t:
            self.copy(cell, t)
            self.add(t, -k)
            self.add(dst, 1)
            with self.if_consume(t):
                self.add(dst, -1)

    def repeat(self, n, body):
        """Runs body() n times (1 <= n <= 255) with a counter cell."""
        with self.temp() as counter:
            self.add(counter, n)
            with self.while_(counter):
                body()
                self.add(counter, -1)

    # -- 8-bit arithmetic -------------------------------------------------------------------

    def mul_add(self, a, b, dst):
        """dst += a * b (modulo 256); a and b are kept."""
        with self.temp() as t:
            self.copy(a, t)
            with self.while_(t):
                self.copy(b, dst)
                self.add(t, -1)

    def divmod_const(self, n, d, q, r):
        """q += n // d, r = n % d (r must be 0, 1 < d < 256); n becomes 0.

        Counts n down, r up, and when r reaches d, r back to 0 and q up: one inner `if` per
        unit of n.
        """
        with self.temp() as hit:
            with self.while_(n):
                self.add(n, -1)
                self.add(r, 1)
                self.eq_const(r, d, hit)
                with self.if_consume(hit):
                    self.clear(r)
                    self.add(q, 1)

    def print_decimal(self, cell):
        """Prints the 8-bit value of cell in decimal (cell is kept)."""
        with self.temp(5) as (n, hundreds, tens, ones, started):
            self.copy(cell, n)
            with self.temp() as rest:
                self.divmod_const(n, 100, hundreds, rest)
                self.divmod_const(rest, 10, tens, ones)
            with self.if_(hundreds):
                self.add(hundreds, 48)
                self.put(hundreds)
                self.add(started, 1)
            self.clear(hundreds)
            with self.temp() as show:
                self.copy(tens, show)
                self.copy(started, show)
                with self.if_consume(show):
                    self.add(tens, 48)
                    self.put(tens)
            self.clear(tens)
            self.clear(started)
            self.add(ones, 48)
            self.put(ones)
            self.clear(ones)


class Lanes:
    """A block of interleaved binary registers: bit i of every register lives in lane i,
    next to lane i's scratch cells, so that bitwise operations move the pointer little (the
    layout of the classic mandelbrot.b)."""

    SCRATCH = 3

    def __init__(self, g, lanes, registers, spare=1):
        self.g = g
        self.lanes = lanes
        self.stride = registers + self.SCRATCH + spare
        self.base = g.var(lanes * self.stride)
        # The scratch cells sit in the middle of a lane, the registers around them (the
        # first ones asked for nearest), the spare cells at the ends.
        middle = (registers + spare) // 2
        self.scratch_at = [middle, middle + 1, middle + 2]
        around = []
        for d in range(1, self.stride):
            for at in (middle - d, middle + 2 + d):
                if 0 <= at < self.stride and at not in around:
                    around.append(at)
        self.slots = around[:registers]
        # The spare cells become the generator's free cells, so that variables and
        # temporaries live near the registers too.
        for lane in reversed(range(lanes)):
            for at in around[registers:]:
                g.release(self.base + lane * self.stride + at)

    def register(self, width=None):
        """A fresh register of `width` bits (default: every lane)."""
        width = self.lanes if width is None else width
        assert self.slots, "no room for another register"
        return Reg(self, self.slots.pop(0), width)

    def scratch(self, lane, k):
        """Scratch cell k (0..2) of a lane; zero between operations."""
        return self.base + lane * self.stride + self.scratch_at[k]


class Reg:
    """A `width`-bit two's complement integer in a `Lanes` block: one cell per bit (0 or 1),
    lowest bit in lane 0."""

    def __init__(self, lanes, slot, width):
        self.lanes = lanes
        self.g = lanes.g
        self.slot = slot
        self.width = width

    def bit(self, i):
        return self.lanes.base + i * self.lanes.stride + self.slot

    def scratch(self, i, k):
        return self.lanes.scratch(i, k)

    def bits(self):
        return [self.bit(i) for i in range(self.width)]

    def sign(self):
        return self.bit(self.width - 1)

    def view(self, width):
        """The low `width` bits of the register, as a register (the same cells)."""
        return Reg(self.lanes, self.slot, width)

    def clear(self):
        for b in self.bits():
            self.g.clear(b)

    def set_const(self, value):
        """Sets the register to `value` (it must be zero before)."""
        value %= 1 << self.width
        for i in range(self.width):
            if value >> i & 1:
                self.g.add(self.bit(i), 1)

    def move_to(self, dst):
        """dst = self (dst must be zero); self becomes zero."""
        for i in range(self.width):
            self.g.move(self.bit(i), dst.bit(i))

    def copy_to(self, dst):
        """dst = self (dst must be zero)."""
        for i in range(self.width):
            self.g.copy(self.bit(i), dst.bit(i), via=self.scratch(i, 0))

    def shift_right(self):
        """Logical shift right by one."""
        g = self.g
        g.clear(self.bit(0))
        for i in range(1, self.width):
            g.move(self.bit(i), self.bit(i - 1))

    def shift_left(self):
        """Shift left by one (the top bit is lost)."""
        g = self.g
        g.clear(self.bit(self.width - 1))
        for i in range(self.width - 1, 0, -1):
            g.move(self.bit(i - 1), self.bit(i))

    def _sum_to_bit(self, s, d, c, t):
        """d, c = s % 2, s // 2 for s in 0..3 (d, c and the scratch t zero; s becomes 0):
        counts s down, toggling d, carrying when d goes from 1 to 0."""
        g = self.g
        with g.while_(s):
            g.add(s, -1)
            g.add(t, 1)
            with g.while_(d):
                g.add(d, -1)
                g.add(c, 1)
                g.add(t, -1)
            with g.while_(t):
                g.add(t, -1)
                g.add(d, 1)

    def add(self, src, invert=False, carry_in=0, carry_out=None, lo=0):
        """self[lo:] += src (or += ~src + carry_in): one full adder per bit of src, each
        with the scratch cells of its lane (sum, toggle, carry out).

        The carry out of the top bit goes into the cell `carry_out` if given (which must be
        zero), else it is dropped. src is kept.
        """
        g = self.g
        carry = None
        for i in range(src.width):
            lane = lo + i
            d = self.bit(lane)
            s, t, c = (self.scratch(lane, k) for k in range(3))
            # s = d + src_i + carry (or d + 1 - src_i + carry), in 0..3
            g.move(d, s)
            if invert:
                g.add(s, 1)
                g.move(src.bit(i), t)
                with g.while_(t):
                    g.add(t, -1)
                    g.add(s, -1)
                    g.add(src.bit(i), 1)
            else:
                g.copy(src.bit(i), s, via=t)
            if carry is not None:
                g.move(carry, s)
            elif carry_in:
                g.add(s, 1)
            self._sum_to_bit(s, d, c, t)
            carry = c
        if carry_out is None:
            g.clear(carry)
        else:
            g.move(carry, carry_out)

    def add_const(self, value):
        """self += value (modulo 2**width): a full adder per bit, with the constant's bits."""
        g = self.g
        value %= 1 << self.width
        carry = None
        for i in range(self.width):
            d = self.bit(i)
            s, t, c = (self.scratch(i, k) for k in range(3))
            if carry is None and not value >> i & 1:
                if not value >> i:
                    break
                continue
            g.move(d, s)
            g.add(s, value >> i & 1)
            if carry is not None:
                g.move(carry, s)
            self._sum_to_bit(s, d, c, t)
            carry = c
        if carry is not None:
            g.clear(carry)

    def negate(self):
        """self = -self: invert every bit, then add one."""
        g = self.g
        for i, b in enumerate(self.bits()):
            t = self.scratch(i, 0)
            g.add(t, 1)
            with g.while_(b):
                g.add(b, -1)
                g.add(t, -1)
            g.move(t, b)
        carry = None
        for i, b in enumerate(self.bits()):
            s, t, c = (self.scratch(i, k) for k in range(3))
            if carry is None:
                g.add(s, 1)
            else:
                g.move(carry, s)
            self._sum_to_bit(s, b, c, t)
            carry = c
        g.clear(carry)

    def any_bits(self, lo, dst):
        """dst += the number of set bits from bit `lo` up (nonzero iff any is set)."""
        for i in range(lo, self.width):
            self.g.copy(self.bit(i), dst, via=self.scratch(i, 0))


def xor_bit(g, a, b, dst, s, c, t):
    """dst = a xor b for bits a and b (kept), with scratch cells s, c, t; dst must be zero."""
    g.copy(a, s, via=t)
    g.copy(b, s, via=t)
    # s in 0..2: its low bit is the xor
    with g.while_(s):
        g.add(s, -1)
        g.add(t, 1)
        with g.while_(dst):
            g.add(dst, -1)
            g.add(c, 1)
            g.add(t, -1)
        with g.while_(t):
            g.add(t, -1)
            g.add(dst, 1)
    g.clear(c)


def mul_fixed(g, a, b, out, mb, acc, frac, k, counter):
    """out = (a * b) >> frac for magnitudes a, b < 2**k (registers, kept); out must be zero,
    mb (k bits) and acc (2k - frac + 1 bits) are zero work registers.

    Shift-and-add, a loop of k rounds counted by the cell `counter`: if the low bit of (a
    copy of) b is set, add a into the top of the accumulator; shift both right. The
    accumulator keeps k - frac bits below the ones that end up in the result (the bits
    shifted out never feed a carry), so the result is exactly the floor.
    """
    low = k - frac
    assert mb.width >= k and acc.width == low + k + 1
    b.view(k).copy_to(mb.view(k))
    ak = a.view(k)
    g.add(counter, k)
    with g.while_(counter):
        with g.if_consume(mb.bit(0)):
            acc.add(ak, lo=low, carry_out=acc.bit(low + k))
        mb.view(k).shift_right()
        acc.shift_right()
        g.add(counter, -1)
    for i in range(acc.width):
        g.move(acc.bit(i), out.bit(i))


def _selftest():
    """Runs small programs using each macro through bfi.py (`python3 bfgen.py`)."""
    import bfi

    def output(build, data=b""):
        g = Gen()
        build(g)
        return bfi.run(g.text(), data)

    def decimal(n):
        def build(g):
            x = g.var()
            g.add(x, n)
            g.print_decimal(x)
        return output(build)

    for n in (0, 7, 10, 99, 100, 205, 255):
        assert decimal(n) == str(n).encode(), (n, decimal(n))

    def arithmetic(g):
        a, b, p, q, r = (g.var() for _ in range(5))
        g.add(a, 13)
        g.add(b, 11)
        g.mul_add(a, b, p)  # 143
        g.print_decimal(p)
        g.divmod_const(p, 10, q, r)  # 14, 3
        g.print_text(" ")
        g.print_decimal(q)
        g.print_text(" ")
        g.print_decimal(r)

    assert output(arithmetic) == b"143 14 3", output(arithmetic)

    def control(g):
        x, flag, n = g.var(), g.var(), g.var()
        g.get(x)
        g.if_else(x, lambda: g.print_text("some"), lambda: g.print_text("none"))
        g.eq_const(x, 65, flag)
        with g.if_consume(flag):
            g.print_text(" A")
        z = g.zero_test_cells()
        with g.if_zero(z):
            g.print_text(" zero")
        g.add(z, 3)
        with g.if_zero(z):
            g.print_text(" wrong")
        g.repeat(3, lambda: g.print_text("."))

    assert output(control, b"A") == b"some A zero...", output(control, b"A")
    assert output(control) == b"none zero...", output(control)

    def register_bits(g, reg):
        """Prints a register's bits, highest first."""
        with g.temp() as o:
            for i in reversed(range(reg.width)):
                g.copy(reg.bit(i), o)
                g.add(o, 48)
                g.put(o)
                g.clear(o)

    def registers(g):
        lanes = Lanes(g, 8, 3)
        a, b, c = (lanes.register() for _ in range(3))
        a.set_const(100)
        b.set_const(-27)
        a.add(b)  # 73
        a.copy_to(c)
        c.negate()  # -73
        c.add_const(80)  # 7
        register_bits(g, c)
        flag = g.var()
        c.any_bits(3, flag)  # 7 has no bit from bit 3 up
        with g.if_consume(flag):
            g.print_text("wrong")
        a.shift_right()  # 36
        a.shift_left()  # 72
        a.add(b, invert=True, carry_in=1)  # 72 - -27 = 99
        g.print_text(" ")
        register_bits(g, a)

    assert output(registers) == b"00000111 01100011", output(registers)

    def product(x, y, frac=3, k=7):
        def build(g):
            lanes = Lanes(g, 2 * k - frac + 1, 5)
            a, b, out = (lanes.register() for _ in range(3))
            mb = lanes.register(k)
            acc = lanes.register(2 * k - frac + 1)
            a.set_const(x)
            b.set_const(y)
            with g.temp() as counter:
                mul_fixed(g, a, b, out, mb, acc, frac, k, counter)
            register_bits(g, out)

        return int(output(build).decode(), 2)

    for x, y in ((0, 5), (127, 127), (100, 3), (77, 93), (1, 1)):
        assert product(x, y) == (x * y) >> 3, (x, y, product(x, y))
    print("bfgen: self-test passed")


if __name__ == "__main__":
    _selftest()
