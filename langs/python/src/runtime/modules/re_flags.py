# The flags of jitpy's re module: RegexFlag (an int subclass standing for CPython's
# enum.IntFlag: its repr, str and format, the bit operators keeping the type, name and
# value) and the constants re.IGNORECASE, re.I, ..., run in re's namespace when it is
# imported (modules/re.rs).

class RegexFlag(int):
    _names = (("ASCII", 256), ("IGNORECASE", 2), ("LOCALE", 4), ("UNICODE", 32),
              ("MULTILINE", 8), ("DOTALL", 16), ("VERBOSE", 64), ("TEMPLATE", 1),
              ("DEBUG", 128))

    def __repr__(self):
        value = int(self)
        if value == 0:
            return "re.NOFLAG"
        names = []
        for name, bit in RegexFlag._names:
            if value & bit:
                names.append("re." + name)
                value &= ~bit
        if value:
            names.append(hex(value))
        return "|".join(names)

    __str__ = __repr__

    def __format__(self, spec):
        return format(int(self), spec) if spec else repr(self)

    def __or__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) | int(other))
        return NotImplemented

    def __and__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) & int(other))
        return NotImplemented

    def __xor__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) ^ int(other))
        return NotImplemented

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return RegexFlag(~int(self) & 511)

    @property
    def name(self):
        return None if int(self) == 0 else repr(self).replace("re.", "")

    @property
    def value(self):
        return int(self)


RegexFlag.__module__ = "re"
for _name, _bit in RegexFlag._names:
    globals()[_name] = RegexFlag(_bit)
A, I, L, U, M, S, X, T = ASCII, IGNORECASE, LOCALE, UNICODE, MULTILINE, DOTALL, VERBOSE, TEMPLATE
NOFLAG = RegexFlag(0)
del _name, _bit
