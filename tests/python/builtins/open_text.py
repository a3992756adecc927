# open() in text mode: writing, reading (whole, by size, by line, iteration), universal
# newlines and the newline argument, encodings and error handlers, attributes, reprs,
# the errors of closed files and wrong modes. Files live in a directory of the program's
# own under /tmp, removed at the end.
import io
import os

directory = "/tmp/jitpy-open-text-%d" % os.getpid()
os.mkdir(directory)
path = directory + "/a.txt"


def shown(value):
    return repr(value).replace(directory, "DIR")


try:
    with open(path, "w") as f:
        print(type(f).__name__, shown(f.name), f.mode, f.closed, f.encoding, f.errors)
        print(f.write("héllo\nworld\r\nthird\rlast"))
        print(f.writelines(["x\n", "y\n"]))
        print(f.readable(), f.writable(), f.seekable())
    print(f.closed)

    f = open(path)
    print(repr(f.read()))
    print(f.read(), f.tell())
    print(f.seek(0))
    print(repr(f.readline()), repr(f.readline()), f.readlines())
    f.close()
    f.close()
    for attempt in [f.read, f.readline, f.flush, f.tell, f.readable, lambda: f.write("x"),
                    lambda: iter(f), lambda: f.__enter__()]:
        try:
            attempt()
        except ValueError as e:
            print("ValueError:", e)

    with open(path, newline="") as f:
        print(list(f))
    with open(path, newline="\n") as f:
        print(f.readlines())
    with open(path, newline="\r") as f:
        print(f.readlines())
    with open(path, newline="\r\n") as f:
        print(f.readlines())
    with open(path) as f:
        print(repr(f.read(2)), repr(f.read(5)), repr(f.readline(3)), repr(f.readline()))
        for number, line in enumerate(f):
            print(number, repr(line))
        print(repr(f.readline()), repr(f.read()), repr(f.read(3)))
    with open(path) as f:
        print(f.readlines(8))
        print(next(f), next(iter(f)))

    f = open(path, "a")
    print(f.tell() > 0, f.write("appended"))
    f.close()
    with open(path, "rt") as f:
        print(f.read().splitlines()[-2:])

    f = open(path, "w")
    try:
        f.read()
    except io.UnsupportedOperation as e:
        print(type(e).__name__, e, isinstance(e, OSError), isinstance(e, ValueError))
    f.close()
    f = open(path, "r")
    try:
        f.write("x")
    except OSError as e:
        print(type(e).__name__, e)
    f.close()

    with open(path, "w+") as f:
        f.write("first\nsecond\n")
        print(f.tell())
        f.seek(0)
        print(f.readlines())
        try:
            f.seek(1, 1)
        except io.UnsupportedOperation as e:
            print(e)
        print(f.seek(0, 2))

    with open(path, "w", encoding="latin-1") as f:
        print(f.encoding, f.write("é\n"))
    with open(path, encoding="latin-1") as f:
        print(repr(f.read()))
    with open(path, encoding="utf-8", errors="replace") as f:
        print(repr(f.read()), f.errors)
    with open(path, encoding="utf-8", errors="ignore") as f:
        print(repr(f.read()))
    try:
        open(path, encoding="utf-8").read()
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
    with open(path, "w", encoding="ascii") as f:
        try:
            f.write("é")
        except UnicodeEncodeError as e:
            print("UnicodeEncodeError:", e)
        f.write("plain")
    with open(path, "w", newline="\r\n") as f:
        f.write("a\nb\n")
    with open(path, "rb") as f:
        print(f.read())
    with open(path, "w", newline="\r") as f:
        f.write("a\nb\n")
    with open(path, "rb") as f:
        print(f.read())

    f = open(path, "w")
    print(shown(f))
    f.close()
    print(shown(f))
    print(shown(open(path, "r", encoding="latin-1")))
    print(type(f), type(f) is io.TextIOWrapper)

    try:
        with open(path, "w") as f:
            f.write(b"bytes")
    except TypeError as e:
        print("TypeError:", e)

    with open(path, "w") as f:
        print(f.write(""), f.write("ünïcödé ✓ 😀\n"))
    with open(path) as f:
        text = f.read()
        print(text, len(text))
    with open(path) as f:
        print(repr(f.read(9)), repr(f.read(4)), repr(f.read()))
    with open(path, "r+") as f:
        print(f.read(3))
        f.seek(0)
        f.write("UN")
        f.seek(0)
        print(f.read())

    for bad in ["rw", "rr", "z", "", "rbt", "+", "wx", "U"]:
        try:
            open(path, bad)
        except ValueError as e:
            print(repr(bad), e)
    for keyword in [{"newline": "x"}, {"buffering": 0}]:
        try:
            open(path, **keyword)
        except ValueError as e:
            print(e)
    try:
        open(path, encoding="no-such-encoding")
    except LookupError as e:
        print("LookupError:", e)
    for name in [[], 3.5, None]:
        try:
            open(name)
        except TypeError as e:
            print("TypeError:", e)
    try:
        open(path, 5)
    except TypeError as e:
        print("TypeError:", e)
    try:
        open(path + "\0")
    except ValueError as e:
        print("ValueError:", e)
finally:
    for name in os.listdir(directory):
        os.remove(directory + "/" + name)
    os.rmdir(directory)
print(os.listdir("/tmp").count("jitpy-open-text-%d" % os.getpid()))
