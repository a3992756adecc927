# The Python-facing part of jitpy's `operator` module (runtime/modules/operator.rs runs it
# when the module is imported, after binding the native function forms): itemgetter,
# attrgetter, methodcaller, and the dunder aliases of the functions. Their frames are left
# out of tracebacks, as CPython's C functions leave none.


def call(obj, /, *args, **kwargs):
    """Same as obj(*args, **kwargs)."""
    return obj(*args, **kwargs)


class itemgetter:
    """Return a callable object that fetches the given item(s) from its operand."""

    __slots__ = ('_items',)

    def __init__(self, *items, **kwargs):
        if kwargs:
            raise TypeError("itemgetter() takes no keyword arguments")
        if not items:
            raise TypeError("itemgetter expected 1 argument, got 0")
        self._items = items

    def __call__(self, *args, **kwargs):
        if kwargs:
            raise TypeError("itemgetter() takes no keyword arguments")
        if len(args) != 1:
            raise TypeError(f"itemgetter expected 1 argument, got {len(args)}")
        obj = args[0]
        if len(self._items) == 1:
            return obj[self._items[0]]
        return tuple([obj[item] for item in self._items])

    def __repr__(self):
        return f"operator.itemgetter({', '.join([repr(i) for i in self._items])})"


def _resolve(obj, names):
    for name in names:
        obj = getattr(obj, name)
    return obj


class attrgetter:
    """Return a callable object that fetches the given attribute(s) from its operand."""

    __slots__ = ('_names', '_paths')

    def __init__(self, *names, **kwargs):
        if kwargs:
            raise TypeError("attrgetter() takes no keyword arguments")
        if not names:
            raise TypeError("attrgetter expected 1 argument, got 0")
        for name in names:
            if not isinstance(name, str):
                raise TypeError("attribute name must be a string")
        self._names = names
        self._paths = tuple([tuple(name.split('.')) for name in names])

    def __call__(self, *args, **kwargs):
        if kwargs:
            raise TypeError("attrgetter() takes no keyword arguments")
        if len(args) != 1:
            raise TypeError(f"attrgetter expected 1 argument, got {len(args)}")
        obj = args[0]
        if len(self._paths) == 1:
            return _resolve(obj, self._paths[0])
        return tuple([_resolve(obj, path) for path in self._paths])

    def __repr__(self):
        return f"operator.attrgetter({', '.join([repr(n) for n in self._names])})"


class methodcaller:
    """Return a callable object that calls the given method on its operand."""

    __slots__ = ('_name', '_args', '_kwargs')

    def __init__(*args, **kwargs):
        if len(args) < 2:
            raise TypeError("methodcaller needs at least one argument, the method name")
        self, name = args[0], args[1]
        if not isinstance(name, str):
            raise TypeError("method name must be a string")
        self._name = name
        self._args = args[2:]
        self._kwargs = kwargs

    def __call__(self, *args, **kwargs):
        if kwargs:
            raise TypeError("methodcaller() takes no keyword arguments")
        if len(args) != 1:
            raise TypeError(f"methodcaller expected 1 argument, got {len(args)}")
        return getattr(args[0], self._name)(*self._args, **self._kwargs)

    def __repr__(self):
        parts = [repr(self._name)]
        parts.extend(repr(arg) for arg in self._args)
        parts.extend(f"{key}={value!r}" for key, value in self._kwargs.items())
        return f"operator.methodcaller({', '.join(parts)})"


__call__ = call
__lt__ = lt
__le__ = le
__eq__ = eq
__ne__ = ne
__ge__ = ge
__gt__ = gt
__not__ = not_
__abs__ = abs
__add__ = add
__and__ = and_
__floordiv__ = floordiv
__index__ = index
__inv__ = inv
__invert__ = invert
__lshift__ = lshift
__mod__ = mod
__mul__ = mul
__matmul__ = matmul
__neg__ = neg
__or__ = or_
__pos__ = pos
__pow__ = pow
__rshift__ = rshift
__sub__ = sub
__truediv__ = truediv
__xor__ = xor
__concat__ = concat
__contains__ = contains
__delitem__ = delitem
__getitem__ = getitem
__setitem__ = setitem
__iadd__ = iadd
__iand__ = iand
__iconcat__ = iconcat
__ifloordiv__ = ifloordiv
__ilshift__ = ilshift
__imod__ = imod
__imul__ = imul
__imatmul__ = imatmul
__ior__ = ior
__ipow__ = ipow
__irshift__ = irshift
__isub__ = isub
__itruediv__ = itruediv
__ixor__ = ixor
