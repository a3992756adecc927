#!/usr/bin/env python3
"""bfi: a small, independent Brainfuck interpreter, the reference the recorded outputs
(`NAME.out`) are checked against.

Same dialect as the `bf` command: 30000 cells of 8 bits that wrap, moving off either end of
the tape is an error, `,` at the end of input leaves the cell unchanged. For speed it
translates the program to Python source (runs of `+-<>` folded, `[-]` a store) and runs that;
under PyPy even the Mandelbrot program takes seconds.

    bfi.py PROGRAM.b [INPUT]       (standard input when INPUT is not given)
"""

import sys

CELLS = 30000


def translate(source):
    """Python source of a function `run(read, write)` doing what `source` does."""
    program = [c for c in source if c in "+-<>[].,"]
    lines = ["def run(read, write):", " t = bytearray(%d)" % CELLS, " p = 0"]
    depth = 1
    i = 0
    while i < len(program):
        c = program[i]
        pad = " " * depth
        if c in "+-":
            n = 0
            while i < len(program) and program[i] in "+-":
                n += 1 if program[i] == "+" else -1
                i += 1
            lines.append(pad + "t[p] = (t[p] + %d) & 255" % n)
            continue
        if c in "<>":
            n = 0
            while i < len(program) and program[i] in "<>":
                n += 1 if program[i] == ">" else -1
                i += 1
            lines.append(pad + "p += %d" % n)
            lines.append(pad + "if not 0 <= p < %d: raise IndexError('off the tape')" % CELLS)
            continue
        if program[i : i + 3] in (list("[-]"), list("[+]")):
            lines.append(pad + "t[p] = 0")
            i += 3
            continue
        if c == "[":
            lines.append(pad + "while t[p]:")
            depth += 1
        elif c == "]":
            if depth == 1:
                raise SyntaxError("unmatched ]")
            lines.append(pad + "pass")
            depth -= 1
        elif c == ".":
            lines.append(pad + "write(t[p])")
        elif c == ",":
            lines.append(pad + "b = read()")
            lines.append(pad + "if b >= 0: t[p] = b")
        i += 1
    if depth != 1:
        raise SyntaxError("unmatched [")
    return "\n".join(lines) + "\n"


def run(source, data=b""):
    """The output of `source` run on the input `data`, as bytes."""
    scope = {}
    exec(compile(translate(source), "<bf>", "exec"), scope)
    out = bytearray()
    pos = [0]

    def read():
        if pos[0] >= len(data):
            return -1
        pos[0] += 1
        return data[pos[0] - 1]

    scope["run"](read, out.append)
    return bytes(out)


def main():
    with open(sys.argv[1], encoding="latin-1") as f:
        source = f.read()
    if len(sys.argv) > 2:
        with open(sys.argv[2], "rb") as f:
            data = f.read()
    else:
        data = sys.stdin.buffer.read()
    sys.stdout.buffer.write(run(source, data))


if __name__ == "__main__":
    main()
