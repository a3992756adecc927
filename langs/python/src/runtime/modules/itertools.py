# The Python-facing part of jitpy's `itertools` module (runtime/modules/itertools.rs runs
# it when the module is imported): CPython's iterator types as classes with `__next__`,
# checking their arguments with the messages of CPython's C implementation. Their frames
# are left out of tracebacks, as C functions leave none.

_MISSING = object()


def _plural(n):
    return '' if n == 1 else 's'


def _exactly(name, args, kwargs, count):
    """The arguments of a C function taking `count` positional arguments only."""
    if kwargs:
        raise TypeError(f"{name}() takes no keyword arguments")
    if len(args) != count:
        raise TypeError(f"{name} expected {count} argument{_plural(count)}, got {len(args)}")
    return args


def _parse(name, args, kwargs, names, required):
    """The arguments of a C function with named parameters, the first `required` of them
    required: a list with `_MISSING` for the ones not given."""
    if len(args) > len(names):
        raise TypeError(f"{name}() takes at most {len(names)} argument"
                        f"{_plural(len(names))} ({len(args)} given)")
    values = list(args) + [_MISSING] * (len(names) - len(args))
    for key in kwargs:
        if key not in names:
            raise TypeError(f"'{key}' is an invalid keyword argument for {name}()")
        i = names.index(key)
        if i < len(args):
            raise TypeError(f"argument for {name}() given by name ('{key}') "
                            f"and position ({i + 1})")
        values[i] = kwargs[key]
    for i in range(required):
        if values[i] is _MISSING:
            raise TypeError(f"{name}() missing required argument '{names[i]}' (pos {i + 1})")
    return values


def _index(value):
    """An int argument (`__index__`), with CPython's error."""
    if isinstance(value, int):
        return int(value)
    method = getattr(type(value), '__index__', None)
    if method is None:
        raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer")
    return method(value)


def _is_number(value):
    if isinstance(value, (int, float, complex)):
        return True
    cls = type(value)
    return any(hasattr(cls, name) for name in ('__index__', '__int__', '__float__'))


class count:
    def __init__(self, *args, **kwargs):
        start, step = _parse('count', args, kwargs, ('start', 'step'), 0)
        start = 0 if start is _MISSING else start
        step = 1 if step is _MISSING else step
        for value in (start, step):
            if not _is_number(value):
                raise TypeError("a number is required")
        self._value = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        value = self._value
        self._value = value + self._step
        return value

    def __repr__(self):
        step = self._step
        if isinstance(step, int) and step == 1:
            return f"{type(self).__name__}({self._value!r})"
        return f"{type(self).__name__}({self._value!r}, {step!r})"


class cycle:
    def __init__(self, *args, **kwargs):
        iterable, = _exactly('cycle', args, kwargs, 1)
        self._it = iter(iterable)
        self._saved = []
        self._index = -1

    def __iter__(self):
        return self

    def __next__(self):
        if self._index < 0:
            for item in self._it:
                self._saved.append(item)
                return item
            if not self._saved:
                raise StopIteration
            self._index = 0
        item = self._saved[self._index]
        self._index = (self._index + 1) % len(self._saved)
        return item


class repeat:
    def __init__(self, *args, **kwargs):
        value, times = _parse('repeat', args, kwargs, ('object', 'times'), 1)
        self._value = value
        if times is _MISSING:
            self._times = None
        else:
            self._times = max(_index(times), 0)

    def __iter__(self):
        return self

    def __next__(self):
        if self._times is None:
            return self._value
        if self._times <= 0:
            raise StopIteration
        self._times -= 1
        return self._value

    def __length_hint__(self):
        if self._times is None:
            raise TypeError("len() of unsized object")
        return self._times

    def __repr__(self):
        if self._times is None:
            return f"{type(self).__name__}({self._value!r})"
        return f"{type(self).__name__}({self._value!r}, {self._times})"


class accumulate:
    def __init__(self, *args, **kwargs):
        iterable, func, initial = _parse('accumulate', args, kwargs,
                                         ('iterable', 'func', 'initial'), 1)
        self._it = iter(iterable)
        self._func = None if func is _MISSING else func
        self._total = _MISSING
        self._initial = None if initial is _MISSING else initial

    def __iter__(self):
        return self

    def __next__(self):
        if self._initial is not None:
            self._total = self._initial
            self._initial = None
            return self._total
        value = next(self._it)
        if self._total is _MISSING:
            self._total = value
        elif self._func is None:
            self._total = self._total + value
        else:
            self._total = self._func(self._total, value)
        return self._total


class chain:
    def __init__(self, *iterables, **kwargs):
        if kwargs:
            raise TypeError("chain() takes no keyword arguments")
        self._source = iter(iterables)
        self._active = None

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            if self._active is None:
                if self._source is None:
                    raise StopIteration
                try:
                    iterable = next(self._source)
                except StopIteration:
                    self._source = None
                    raise
                self._active = iter(iterable)
            for item in self._active:
                return item
            self._active = None

    @classmethod
    def from_iterable(cls, *args):
        if len(args) != 1:
            raise TypeError(f"chain.from_iterable() takes exactly one argument "
                            f"({len(args)} given)")
        result = cls()
        result._source = iter(args[0])
        return result


class compress:
    def __init__(self, *args, **kwargs):
        data, selectors = _parse('compress', args, kwargs, ('data', 'selectors'), 2)
        self._data = iter(data)
        self._selectors = iter(selectors)

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            item = next(self._data)
            if next(self._selectors):
                return item


class dropwhile:
    def __init__(self, *args, **kwargs):
        predicate, iterable = _exactly('dropwhile', args, kwargs, 2)
        self._predicate = predicate
        self._it = iter(iterable)
        self._dropping = True

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            item = next(self._it)
            if not self._dropping:
                return item
            if not self._predicate(item):
                self._dropping = False
                return item


class takewhile:
    def __init__(self, *args, **kwargs):
        predicate, iterable = _exactly('takewhile', args, kwargs, 2)
        self._predicate = predicate
        self._it = iter(iterable)
        self._done = False

    def __iter__(self):
        return self

    def __next__(self):
        if self._done:
            raise StopIteration
        item = next(self._it)
        if self._predicate(item):
            return item
        self._done = True
        raise StopIteration


class filterfalse:
    def __init__(self, *args, **kwargs):
        predicate, iterable = _exactly('filterfalse', args, kwargs, 2)
        self._predicate = predicate
        self._it = iter(iterable)

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            item = next(self._it)
            keep = item if self._predicate is None else self._predicate(item)
            if not keep:
                return item


class groupby:
    def __init__(self, *args, **kwargs):
        iterable, key = _parse('groupby', args, kwargs, ('iterable', 'key'), 1)
        self._it = iter(iterable)
        self._keyfunc = None if key is _MISSING else key
        self._target = _MISSING
        self._current_key = _MISSING
        self._current_value = _MISSING
        self._grouper = None

    def __iter__(self):
        return self

    def _step(self):
        """Reads the next item and its key (`StopIteration` at the end)."""
        value = next(self._it)
        key = value if self._keyfunc is None else self._keyfunc(value)
        self._current_value = value
        self._current_key = key

    def __next__(self):
        self._grouper = None
        # Skip to the next key.
        while True:
            if self._current_key is _MISSING:
                self._step()
            elif self._target is _MISSING:
                break
            elif not (self._target == self._current_key):
                break
            else:
                self._step()
        self._target = self._current_key
        grouper = _grouper(self, self._target)
        self._grouper = grouper
        return (self._current_key, grouper)


class _grouper:
    def __init__(self, parent, key):
        self._parent = parent
        self._key = key

    def __iter__(self):
        return self

    def __next__(self):
        parent = self._parent
        if parent._grouper is not self:
            raise StopIteration
        if parent._current_value is _MISSING:
            parent._step()
        if not (self._key == parent._current_key):
            raise StopIteration
        value = parent._current_value
        parent._current_value = _MISSING
        parent._current_key = _MISSING
        return value


_STOP_ERROR = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."
_INDEX_ERROR = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."


def _islice_int(value, message):
    if value is None:
        return None
    try:
        value = _index(value)
    except TypeError:
        raise ValueError(message) from None
    if value < 0:
        raise ValueError(message)
    return value


class islice:
    def __init__(self, *args, **kwargs):
        if kwargs:
            raise TypeError("islice() takes no keyword arguments")
        if len(args) < 2:
            raise TypeError(f"islice expected at least 2 arguments, got {len(args)}")
        if len(args) > 4:
            raise TypeError(f"islice expected at most 4 arguments, got {len(args)}")
        start, step = 0, 1
        if len(args) == 2:
            stop = _islice_int(args[1], _STOP_ERROR)
        else:
            stop = _islice_int(args[2], _STOP_ERROR)
            start = _islice_int(args[1], _INDEX_ERROR) or 0
            if len(args) == 4 and args[3] is not None:
                try:
                    step = _index(args[3])
                except TypeError:
                    step = 0
                if step < 1:
                    raise ValueError("Step for islice() must be a positive integer or None.")
        self._it = iter(args[0])
        self._next = start
        self._stop = stop
        self._step = step
        self._count = 0

    def __iter__(self):
        return self

    def __next__(self):
        it = self._it
        if it is None:
            raise StopIteration
        try:
            while self._count < self._next:
                next(it)
                self._count += 1
            if self._stop is not None and self._count >= self._stop:
                raise StopIteration
            item = next(it)
        except StopIteration:
            self._it = None
            raise
        self._count += 1
        self._next += self._step
        if self._stop is not None and self._next > self._stop:
            self._next = self._stop
        return item


class starmap:
    def __init__(self, *args, **kwargs):
        function, iterable = _exactly('starmap', args, kwargs, 2)
        self._function = function
        self._it = iter(iterable)

    def __iter__(self):
        return self

    def __next__(self):
        args = next(self._it)
        if type(args) is not tuple:
            args = tuple(args)
        return self._function(*args)


class _tee:
    def __init__(self, source, link):
        # `source` is a one-item list holding the shared iterator; a link is a list
        # [value, next link], not filled yet while its next link is None.
        self._source = source
        self._link = link

    def __iter__(self):
        return self

    def __next__(self):
        link = self._link
        if link[1] is None:
            link[0] = next(self._source[0])
            link[1] = [None, None]
        self._link = link[1]
        return link[0]

    def __copy__(self):
        return _tee(self._source, self._link)


def tee(*args, **kwargs):
    if kwargs:
        raise TypeError("tee() takes no keyword arguments")
    if len(args) < 1:
        raise TypeError(f"tee expected at least 1 argument, got {len(args)}")
    if len(args) > 2:
        raise TypeError(f"tee expected at most 2 arguments, got {len(args)}")
    n = _index(args[1]) if len(args) == 2 else 2
    if n < 0:
        raise ValueError("n must be >= 0")
    it = iter(args[0])
    if n == 0:
        return ()
    if hasattr(type(it), '__copy__'):
        first = it
    else:
        first = _tee([it], [None, None])
    result = [first]
    for _ in range(n - 1):
        result.append(first.__copy__())
    return tuple(result)


class zip_longest:
    def __init__(self, *iterables, **kwargs):
        fillvalue = None
        for key in kwargs:
            if key != 'fillvalue':
                raise TypeError("zip_longest() got an unexpected keyword argument")
            fillvalue = kwargs[key]
        self._its = [iter(iterable) for iterable in iterables]
        self._active = len(self._its)
        self._fillvalue = fillvalue

    def __iter__(self):
        return self

    def __next__(self):
        if not self._active:
            raise StopIteration
        row = []
        for i in range(len(self._its)):
            it = self._its[i]
            if it is None:
                row.append(self._fillvalue)
                continue
            try:
                row.append(next(it))
            except StopIteration:
                self._active -= 1
                if not self._active:
                    raise
                self._its[i] = None
                row.append(self._fillvalue)
        return tuple(row)


class product:
    def __init__(self, *iterables, **kwargs):
        repeat = 1
        for key in kwargs:
            if key != 'repeat':
                raise TypeError(f"'{key}' is an invalid keyword argument for product()")
            repeat = _index(kwargs[key])
        if repeat < 0:
            raise ValueError("repeat argument cannot be negative")
        pools = [tuple(iterable) for iterable in iterables] * repeat
        self._gen = _product(pools)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._gen)


def _product(pools):
    for pool in pools:
        if not pool:
            return
    indices = [0] * len(pools)
    while True:
        yield tuple([pools[i][indices[i]] for i in range(len(pools))])
        i = len(pools) - 1
        while i >= 0:
            indices[i] += 1
            if indices[i] < len(pools[i]):
                break
            indices[i] = 0
            i -= 1
        if i < 0:
            return


class permutations:
    def __init__(self, *args, **kwargs):
        iterable, r = _parse('permutations', args, kwargs, ('iterable', 'r'), 1)
        pool = tuple(iterable)
        if r is _MISSING or r is None:
            r = len(pool)
        elif not isinstance(r, int):
            raise TypeError("Expected int as r")
        if r < 0:
            raise ValueError("r must be non-negative")
        self._gen = _permutations(pool, r)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._gen)


def _permutations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple([pool[i] for i in indices[:r]])
    while n:
        i = r - 1
        while i >= 0:
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple([pool[i] for i in indices[:r]])
                break
            i -= 1
        if i < 0:
            return


def _combinations_args(name, args, kwargs):
    iterable, r = _parse(name, args, kwargs, ('iterable', 'r'), 2)
    pool = tuple(iterable)
    r = _index(r)
    if r < 0:
        raise ValueError("r must be non-negative")
    return pool, r


class combinations:
    def __init__(self, *args, **kwargs):
        pool, r = _combinations_args('combinations', args, kwargs)
        self._gen = _combinations(pool, r)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._gen)


def _combinations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(r))
    yield tuple([pool[i] for i in indices])
    while True:
        i = r - 1
        while i >= 0 and indices[i] == i + n - r:
            i -= 1
        if i < 0:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple([pool[i] for i in indices])


class combinations_with_replacement:
    def __init__(self, *args, **kwargs):
        pool, r = _combinations_args('combinations_with_replacement', args, kwargs)
        self._gen = _combinations_with_replacement(pool, r)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._gen)


def _combinations_with_replacement(pool, r):
    n = len(pool)
    if not n and r:
        return
    indices = [0] * r
    yield tuple([pool[i] for i in indices])
    while True:
        i = r - 1
        while i >= 0 and indices[i] == n - 1:
            i -= 1
        if i < 0:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple([pool[i] for i in indices])


class pairwise:
    def __init__(self, *args, **kwargs):
        iterable, = _exactly('pairwise', args, kwargs, 1)
        self._it = iter(iterable)
        self._old = _MISSING

    def __iter__(self):
        return self

    def __next__(self):
        it = self._it
        if it is None:
            raise StopIteration
        try:
            if self._old is _MISSING:
                self._old = next(it)
            new = next(it)
        except StopIteration:
            self._it = None
            raise
        pair = (self._old, new)
        self._old = new
        return pair
