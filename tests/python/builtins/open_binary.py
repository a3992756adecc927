# open() in binary mode: bytes in and out, read sizes, lines, seek/tell from each end,
# the update modes, exclusive creation and appending, the errors of OS failures (as the
# errno's OSError subclass) and of closed files. Files live in a directory of the
# program's own under /tmp, removed at the end.
import io
import os

directory = "/tmp/jitpy-open-binary-%d" % os.getpid()
os.mkdir(directory)
path = directory + "/data.bin"


def shown(value):
    return repr(value).replace(directory, "DIR")


try:
    with open(path, "wb") as f:
        print(type(f).__name__, f.mode, shown(f), f.closed)
        print(f.write(b"line one\nline two\r\n"), f.write(bytearray(b"\x00\xff\x80")))
        print(f.tell())
        f.writelines([b"\nlast", bytearray(b"\n")])
        print(f.readable(), f.writable(), f.seekable())
    with open(path, "rb") as f:
        print(type(f).__name__, f.mode, shown(f))
        print(f.read(4), f.tell(), f.read(0), f.read(-1))
        print(f.read(), f.read(3), f.tell())
        print(f.seek(0), f.readline(), f.readline(4), f.readline())
        print(f.seek(-5, 2), f.read())
        print(f.seek(3), f.seek(2, 1), f.tell(), f.read(3))
        print(f.seek(0), f.readlines())
        f.seek(0)
        print(list(f))
        f.seek(0)
        print(f.readlines(12))
        try:
            f.seek(-1)
        except OSError as e:
            print(type(e).__name__, e)
        try:
            f.write(b"x")
        except io.UnsupportedOperation as e:
            print("UnsupportedOperation:", e)
    print(f.closed, shown(f))

    with open(path, "r+b") as f:
        print(type(f).__name__, f.mode)
        print(f.read(4))
        f.write(b"ZZ")
        f.seek(0)
        print(f.read(10))
    with open(path, "w+b") as f:
        print(type(f).__name__, f.mode, f.read())
        f.write(b"abcdef")
        f.seek(2)
        print(f.read(2), f.tell())
        f.seek(0, 2)
        f.write(b"gh")
        f.seek(0)
        print(f.read())
    with open(path, "ab") as f:
        print(type(f).__name__, f.mode, f.tell())
        f.write(b"+tail")
    with open(path, "a+b") as f:
        print(f.mode, f.tell())
        f.seek(0)
        print(f.read())
    with open(path, "br") as f:
        print(f.mode, f.read(3))

    created = directory + "/new.bin"
    with open(created, "xb") as f:
        print(type(f).__name__, f.mode, f.write(b"made"))
    try:
        open(created, "xb")
    except FileExistsError as e:
        print(type(e).__name__, e.errno, e.strerror, shown(e.filename))
    with open(created, "x+b" if False else "rb") as f:
        print(f.read())

    missing = directory + "/missing.bin"
    try:
        open(missing, "rb")
    except OSError as e:
        print(type(e).__name__, e.errno, e.strerror, shown(e.filename), e.filename2)
        print(shown(str(e)), shown(e.args))
    try:
        open(directory + "/missing/inner.bin", "wb")
    except FileNotFoundError as e:
        print(type(e).__name__, e.errno)
    try:
        open(path + "/inner", "rb")
    except NotADirectoryError as e:
        print(type(e).__name__, e.errno, e.strerror)
    for mode in ["rb", "wb"]:
        try:
            open(directory, mode)
        except IsADirectoryError as e:
            print(type(e).__name__, e.errno, e.strerror, shown(str(e)))
    try:
        open(os.fsencode(missing) if hasattr(os, "fsencode") else missing.encode(), "rb")
    except FileNotFoundError as e:
        print(shown(e.filename))

    for keyword in ["encoding", "errors", "newline"]:
        try:
            open(path, "rb", **{keyword: "x"})
        except ValueError as e:
            print("ValueError:", e)

    f = open(path, "wb")
    f.close()
    for attempt in [lambda: f.write(b"x"), f.flush, f.tell, f.writable, lambda: f.seek(0),
                    lambda: f.writelines([b"a"])]:
        try:
            attempt()
        except ValueError as e:
            print("ValueError:", e)
    f = open(path, "rb")
    f.close()
    for attempt in [f.read, f.readline, f.readlines, lambda: next(f), f.readable]:
        try:
            attempt()
        except ValueError as e:
            print("ValueError:", e)
    try:
        with open(path, "wb") as f:
            f.write("text")
    except TypeError as e:
        print("TypeError:", e)

    big = bytes(range(256)) * 100
    with open(path, "wb") as f:
        for i in range(0, len(big), 1000):
            f.write(big[i:i + 1000])
    with open(path, "rb") as f:
        data = f.read()
        print(len(data), data == big)
        f.seek(9000)
        print(f.read(3), f.tell())
    print(sorted(os.listdir(directory)))
finally:
    for name in os.listdir(directory):
        os.remove(directory + "/" + name)
    os.rmdir(directory)
try:
    os.rmdir(directory)
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror)
