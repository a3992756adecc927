#!/usr/bin/env python3
"""Regenerates the generated programs of langs/bf/programs/ and records every program's
expected output, checked by an independent interpreter (bfi.py) and, for the generated
programs, by a direct computation of the same output (each generator's `model()`).

    build.py            write the .b files made by generators and every NAME.out
    build.py --check    change nothing; fail if a file differs from what it would be

A program `NAME.b` reads `NAME.in` when there is one (else an empty input). Run it with
PyPy (`pypy3 build.py`): CPython takes minutes on the Mandelbrot program.
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the programs
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bfi  # noqa: E402
import mandelbrot  # noqa: E402
import primes  # noqa: E402

PROGRAMS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name -> (program text, model output)
GENERATED = {
    "mandelbrot": lambda: (mandelbrot.generate(mandelbrot.FULL), mandelbrot.model(mandelbrot.FULL)),
    "mandelbrot_small": lambda: (mandelbrot.generate(mandelbrot.SMALL), mandelbrot.model(mandelbrot.SMALL)),
    "primes": lambda: (primes.generate(), primes.model()),
}


def read(path, mode="r"):
    with open(path, mode, **({} if "b" in mode else {"encoding": "latin-1"})) as f:
        return f.read()


def update(path, content, check):
    """Writes `content` (bytes) to `path`; with `check`, only reports a difference."""
    old = read(path, "rb") if os.path.exists(path) else None
    if old == content:
        return True
    if check:
        print("out of date: %s" % os.path.relpath(path), file=sys.stderr)
        return False
    with open(path, "wb") as f:
        f.write(content)
    print("wrote %s" % os.path.relpath(path))
    return True


def main():
    check = "--check" in sys.argv[1:]
    ok = True
    models = {}
    for name, make in GENERATED.items():
        text, model = make()
        models[name] = model.encode()
        ok &= update(os.path.join(PROGRAMS, name + ".b"), text.encode(), check)
    for entry in sorted(os.listdir(PROGRAMS)):
        if not entry.endswith(".b"):
            continue
        name = entry[:-2]
        source = read(os.path.join(PROGRAMS, entry))
        input_path = os.path.join(PROGRAMS, name + ".in")
        data = read(input_path, "rb") if os.path.exists(input_path) else b""
        output = bfi.run(source, data)
        if name in models and output != models[name]:
            print("%s: bfi and the model disagree" % name, file=sys.stderr)
            ok = False
            continue
        ok &= update(os.path.join(PROGRAMS, name + ".out"), output, check)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
