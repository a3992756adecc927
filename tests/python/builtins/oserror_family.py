# The OSError family: aliases, the class hierarchy, errno selecting the subclass, the
# attributes, str() and repr().

print(IOError is OSError, EnvironmentError is OSError)
for cls in [BlockingIOError, ChildProcessError, ConnectionError, BrokenPipeError,
            ConnectionAbortedError, ConnectionRefusedError, ConnectionResetError,
            FileExistsError, FileNotFoundError, InterruptedError, IsADirectoryError,
            NotADirectoryError, PermissionError, ProcessLookupError, TimeoutError]:
    print(cls.__name__, [c.__name__ for c in cls.__mro__])

# errno -> subclass, only when OSError itself is called with 2 to 5 arguments.
for errno in [1, 2, 3, 4, 10, 11, 13, 17, 20, 21, 32, 103, 104, 110, 111, 114, 115, 999]:
    e = OSError(errno, "message")
    print(errno, type(e).__name__, e.errno, e.strerror, e.filename, e.filename2)
print(type(OSError(2)).__name__, type(OSError(2, "a", "b", 4, "c", 6)).__name__)
print(type(FileExistsError(2, "x")).__name__)
print(type(IOError(2, "x")).__name__)

cases = [
    OSError(),
    OSError("just a message"),
    OSError("a", "b"),
    OSError(2, "No such file or directory"),
    OSError(2, "No such file or directory", "missing.txt"),
    OSError(2, "No such file or directory", "missing.txt", None, "other.txt"),
    OSError(2, "x", None, None, "other.txt"),
    OSError(13, "Permission denied", "/root/x"),
    OSError(2, None),
    OSError(None, "no errno"),
    OSError(1, 2, 3, 4, 5, 6),
    FileNotFoundError("plain"),
    PermissionError(1, "Operation not permitted", b"bytes-name"),
]
for e in cases:
    print(type(e).__name__, repr(e), str(e), e.args)
    print("  ", e.errno, e.strerror, e.filename, e.filename2)

e = OSError(2, "x")
e.errno = 5
e.filename = "f"
print(e, e.args)

try:
    raise FileNotFoundError(2, "No such file or directory", "nothere")
except OSError as error:
    print("caught", type(error).__name__, error, error.errno)

try:
    raise OSError(17, "File exists", "dir")
except FileExistsError as error:
    print("caught", type(error).__name__, error)

try:
    raise BrokenPipeError(32, "Broken pipe")
except ConnectionError as error:
    print("caught", type(error).__name__, error)

try:
    raise IOError("an io error")
except EnvironmentError as error:
    print("caught", type(error).__name__, error)


class MyError(OSError):
    def __init__(self, *args):
        super().__init__(*args)
        self.extra = len(args)


m = MyError(2, "gone", "file")
print(type(m).__name__, m, m.args, m.errno, m.filename, m.extra)
print(isinstance(m, OSError), issubclass(MyError, OSError))
