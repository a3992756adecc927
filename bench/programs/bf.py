# jitgen-bench: smoke-size=12
# A Brainfuck interpreter (bracket jump table computed up front, tape of 8-bit wrapping
# cells) running the program below with input byte SIZE (1..255): it prints the squares
# SIZE^2, (SIZE-1)^2, ..., 1 (mod 256, by repeated addition in nested loops), their sum, and
# SIZE Fibonacci numbers (mod 256). The checksum is taken over the output bytes.
# Twin: bf.toy.
import sys
import time

MODULUS = 1000000007
TAPE_SIZE = 1024

# cells: 0 i, 1 a, 2 b, 3 a*b, 4 temp, 5 sum of squares, 6 counter, 7 temp,
#        8 fib a, 9 fib b, 10 temp
PROGRAM = (
    # read n into cell 0; copy it to cell 6 (through cell 7)
    ",[->>>>>>+>+<<<<<<<]>>>>>>>[-<<<<<<<+>>>>>>>]<<<<<<<"
    # for i = n down to 1: copy i to cells 1 and 2 (through cell 4) ...
    "[[->+>+>>+<<<<]>>>>[-<<<<+>>>>]<<<<"
    # ... cell 3 = cell 1 * cell 2 (cell 2 restored from cell 4 each round) ...
    ">[>[->+>+<<]>>[-<<+>>]<<<-]"
    # ... clear cell 2, print cell 3, add it to cell 5, next i
    ">[-]>.[->>+<<]<<<-]"
    # print the sum of squares; go to cell 6
    ">>>>>.>"
    # cell 9 = 1; cell 6 times: print cell 8, then (8, 9) = (9, 8 + 9) through cell 10
    ">>>+<<<[>>.[->>+<<]>[-<+>>+<]>[-<+>]<<<<-]"
    # print the last Fibonacci number
    ">>>."
)

OP_PLUS = 43
OP_MINUS = 45
OP_RIGHT = 62
OP_LEFT = 60
OP_OPEN = 91
OP_CLOSE = 93
OP_OUT = 46
OP_IN = 44


def filled(n, x):
    a = []
    i = 0
    while i < n:
        a.append(x)
        i = i + 1
    return a


def parse(src):
    # keeps only the eight commands, as character codes
    ops = []
    i = 0
    while i < len(src):
        c = ord(src[i])
        if c == OP_PLUS or c == OP_MINUS or c == OP_RIGHT or c == OP_LEFT or c == OP_OPEN or c == OP_CLOSE or c == OP_OUT or c == OP_IN:
            ops.append(c)
        i = i + 1
    return ops


def jump_table(ops):
    jumps = filled(len(ops), 0)
    stack = []
    i = 0
    while i < len(ops):
        if ops[i] == OP_OPEN:
            stack.append(i)
        elif ops[i] == OP_CLOSE:
            if len(stack) == 0:
                raise Exception("unmatched ]")
            j = stack.pop()
            jumps[i] = j
            jumps[j] = i
        i = i + 1
    if len(stack) != 0:
        raise Exception("unmatched [")
    return jumps


def execute(ops, jumps, inp, out):
    # returns the number of commands executed
    tape = filled(TAPE_SIZE, 0)
    ptr = 0
    pc = 0
    inpos = 0
    steps = 0
    n = len(ops)
    while pc < n:
        op = ops[pc]
        if op == OP_PLUS:
            tape[ptr] = (tape[ptr] + 1) % 256
        elif op == OP_MINUS:
            tape[ptr] = (tape[ptr] - 1) % 256
        elif op == OP_RIGHT:
            ptr = ptr + 1
        elif op == OP_LEFT:
            ptr = ptr - 1
        elif op == OP_OPEN:
            if tape[ptr] == 0:
                pc = jumps[pc]
        elif op == OP_CLOSE:
            if tape[ptr] != 0:
                pc = jumps[pc]
        elif op == OP_OUT:
            out.append(tape[ptr])
        else:
            if inpos < len(inp):
                tape[ptr] = inp[inpos] % 256
                inpos = inpos + 1
            else:
                tape[ptr] = 0
        pc = pc + 1
        steps = steps + 1
    return steps


def run(n):
    ops = parse(PROGRAM)
    jumps = jump_table(ops)
    out = []
    steps = execute(ops, jumps, [n], out)
    total = 0
    h = 0
    i = 0
    while i < len(out):
        total = total + out[i]
        h = (h * 257 + out[i] + 1) % MODULUS
        i = i + 1
    res = []
    res.append("program: " + str(len(ops)) + " commands, " + str(steps) + " executed")
    res.append("output: " + str(len(out)) + " bytes, sum " + str(total))
    shown = ""
    i = 0
    while i < len(out) and i < 8:
        shown = shown + " " + str(out[i])
        i = i + 1
    res.append("first bytes:" + shown)
    res.append("checksum: " + str((h * 1000 + len(out)) % MODULUS))
    return res


def main():
    iterations = 10
    size = 42
    if len(sys.argv) > 1:
        iterations = int(sys.argv[1])
    if len(sys.argv) > 2:
        size = int(sys.argv[2])
    first = None
    it = 1
    while it <= iterations:
        t0 = time.perf_counter()
        res = run(size)
        t1 = time.perf_counter()
        print("iteration " + str(it) + ": " + str(t1 - t0))
        sys.stdout.flush()
        if first is None:
            first = res
        elif res[len(res) - 1] != first[len(first) - 1]:
            sys.stderr.write("checksum mismatch in iteration " + str(it) + "\n")
            sys.exit(1)
        it = it + 1
    i = 0
    while i < len(first):
        print(first[i])
        i = i + 1


main()
