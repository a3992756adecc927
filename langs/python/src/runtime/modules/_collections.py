# jitpy's `_collections` module: `deque` (a ring buffer: a list whose length is a power of
# two, the items from `_head` on, wrapping around, so both ends are O(1)) and
# `defaultdict` (a dict whose `__missing__` calls its factory). CPython writes them in C;
# their classes are named as its are (`collections.deque`), and their frames stay out of
# tracebacks.

_repr_running = set()


def _index(value, message):
    # An int from `value` (its `__index__`), else TypeError(message).
    if isinstance(value, int):
        return int(value)
    if hasattr(type(value), '__index__'):
        return type(value).__index__(value)
    raise TypeError(message)


def _sequence_index(value):
    return _index(value, "sequence index must be integer, not '%s'" % type(value).__name__)


def _slice_index(value, size):
    # A start or stop of `index()`: negative counts from the end, clamped to [0, size].
    value = _index(value, 'slice indices must be integers or have an __index__ method')
    if value < 0:
        value += size
        if value < 0:
            value = 0
    elif value > size:
        value = size
    return value


def _refill(self, values):
    # Makes the deque hold the list `values`.
    capacity = 8
    while capacity < len(values):
        capacity *= 2
    self._items = values + [None] * (capacity - len(values))
    self._head = 0
    self._size = len(values)
    self._state += 1


def _grow(self):
    # Doubles the buffer of a full deque.
    values = _list(self)
    self._items = values + [None] * len(values)
    self._head = 0


def _list(self):
    items = self._items
    head = self._head
    end = head + self._size
    if end <= len(items):
        return items[head:end]
    return items[head:] + items[:end - len(items)]


# The operations of deques, which their methods are and which other methods use (so
# a derived class's overrides do not change them, as in CPython).


def _append(self, x):
    maxlen = self._maxlen
    if maxlen is not None and self._size >= maxlen:
        if maxlen == 0:
            return
        _popleft(self)
    if self._size == len(self._items):
        _grow(self)
    items = self._items
    items[(self._head + self._size) & (len(items) - 1)] = x
    self._size += 1
    self._state += 1


def _appendleft(self, x):
    maxlen = self._maxlen
    if maxlen is not None and self._size >= maxlen:
        if maxlen == 0:
            return
        _pop(self)
    if self._size == len(self._items):
        _grow(self)
    items = self._items
    self._head = (self._head - 1) & (len(items) - 1)
    items[self._head] = x
    self._size += 1
    self._state += 1


def _pop(self):
    if not self._size:
        raise IndexError('pop from an empty deque')
    self._size -= 1
    items = self._items
    i = (self._head + self._size) & (len(items) - 1)
    x = items[i]
    items[i] = None
    self._state += 1
    return x


def _popleft(self):
    if not self._size:
        raise IndexError('pop from an empty deque')
    items = self._items
    x = items[self._head]
    items[self._head] = None
    self._head = (self._head + 1) & (len(items) - 1)
    self._size -= 1
    self._state += 1
    return x


def _extend(self, iterable):
    if iterable is self:
        iterable = _list(self)
    for x in iterable:
        _append(self, x)


def _extendleft(self, iterable):
    if iterable is self:
        iterable = _list(self)
    for x in iterable:
        _appendleft(self, x)


def _clear(self):
    self._items = [None] * 8
    self._head = 0
    self._size = 0
    self._state += 1


class deque:
    __module__ = 'collections'
    __slots__ = ('_items', '_head', '_size', '_maxlen', '_state')

    def __new__(cls, /, *args, **kwargs):
        self = object.__new__(cls)
        self._items = [None] * 8
        self._head = 0
        self._size = 0
        self._maxlen = None
        # Counts the changes of length, which end the iterators made before.
        self._state = 0
        return self

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            maxlen = _index(maxlen, 'an integer is required')
            if maxlen < 0:
                raise ValueError('maxlen must be non-negative')
        self._maxlen = maxlen
        if self._size:
            _clear(self)
        _extend(self, iterable)

    @property
    def maxlen(self):
        return self._maxlen

    append = _append
    appendleft = _appendleft
    pop = _pop
    popleft = _popleft
    extend = _extend
    extendleft = _extendleft
    clear = _clear

    def copy(self):
        if type(self) is deque:
            return deque(self, self._maxlen)
        if self._maxlen is None:
            return type(self)(self)
        return type(self)(self, self._maxlen)

    __copy__ = copy

    def rotate(self, n=1):
        n = _index(n, "'%s' object cannot be interpreted as an integer" % type(n).__name__)
        size = self._size
        if size <= 1:
            return
        half = size >> 1
        if n > half or n < -half:
            n %= size
            if n > half:
                n -= size
        self._state += 1
        items = self._items
        mask = len(items) - 1
        head = self._head
        if size == len(items):
            self._head = (head - n) & mask
            return
        # Moves n items from the right end to the left (or -n from the left to the right).
        while n > 0:
            tail = (head + size - 1) & mask
            head = (head - 1) & mask
            items[head] = items[tail]
            items[tail] = None
            n -= 1
        while n < 0:
            tail = (head + size) & mask
            items[tail] = items[head]
            items[head] = None
            head = (head + 1) & mask
            n += 1
        self._head = head

    def reverse(self):
        values = _list(self)
        values.reverse()
        state = self._state
        _refill(self, values)
        self._state = state

    def count(self, x):
        state = self._state
        found = 0
        for item in _list(self):
            if item is x or item == x:
                found += 1
            if self._state != state:
                raise RuntimeError('deque mutated during iteration')
        return found

    def index(self, x, start=0, stop=None):
        size = self._size
        start = _slice_index(start, size)
        stop = size if stop is None else _slice_index(stop, size)
        state = self._state
        values = _list(self)
        i = start
        while i < stop:
            item = values[i]
            if item is x or item == x:
                return i
            if self._state != state:
                raise RuntimeError('deque mutated during iteration')
            i += 1
        raise ValueError('%r is not in deque' % (x,))

    def insert(self, i, x):
        if self._maxlen is not None and self._size == self._maxlen:
            raise IndexError('deque already at its maximum size')
        i = _index(i, "'%s' object cannot be interpreted as an integer" % type(i).__name__)
        size = self._size
        if i >= size:
            return _append(self, x)
        if i <= -size or i == 0:
            return _appendleft(self, x)
        values = _list(self)
        values.insert(i, x)
        _refill(self, values)

    def remove(self, value):
        state = self._state
        values = _list(self)
        for i in range(len(values)):
            item = values[i]
            if item is value or item == value:
                if self._state != state:
                    raise IndexError('deque mutated during remove().')
                del values[i]
                _refill(self, values)
                return
            if self._state != state:
                raise IndexError('deque mutated during remove().')
        raise ValueError('%r is not in deque' % (value,))

    def _position(self, i):
        # The index into `_items` of item `i` (negative from the end), checked.
        i = _sequence_index(i)
        size = self._size
        if i < 0:
            i += size
        if i < 0 or i >= size:
            raise IndexError('deque index out of range')
        return (self._head + i) & (len(self._items) - 1)

    def __getitem__(self, i):
        return self._items[self._position(i)]

    def __setitem__(self, i, x):
        self._items[self._position(i)] = x

    def __delitem__(self, i):
        i = _sequence_index(i)
        size = self._size
        if i < 0:
            i += size
        if i < 0 or i >= size:
            raise IndexError('deque index out of range')
        values = _list(self)
        del values[i]
        _refill(self, values)

    def __len__(self):
        return self._size

    def __bool__(self):
        return self._size != 0

    def __contains__(self, x):
        state = self._state
        for item in _list(self):
            if item is x or item == x:
                return True
            if self._state != state:
                raise RuntimeError('deque mutated during iteration')
        return False

    def __iter__(self):
        state = self._state
        size = self._size
        i = 0
        while True:
            if self._state != state:
                raise RuntimeError('deque mutated during iteration')
            if i == size:
                return
            yield self._items[(self._head + i) & (len(self._items) - 1)]
            i += 1

    def __reversed__(self):
        state = self._state
        i = self._size
        while True:
            if self._state != state:
                raise RuntimeError('deque mutated during iteration')
            if i == 0:
                return
            i -= 1
            yield self._items[(self._head + i) & (len(self._items) - 1)]

    def __repr__(self):
        key = id(self)
        if key in _repr_running:
            return '[...]'
        _repr_running.add(key)
        try:
            shown = repr(_list(self))
        finally:
            _repr_running.discard(key)
        name = type(self).__name__
        if self._maxlen is None:
            return '%s(%s)' % (name, shown)
        return '%s(%s, maxlen=%d)' % (name, shown, self._maxlen)

    __hash__ = None

    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return _list(self) == _list(other)

    def __ne__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return _list(self) != _list(other)

    def __lt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return _list(self) < _list(other)

    def __le__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return _list(self) <= _list(other)

    def __gt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return _list(self) > _list(other)

    def __ge__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return _list(self) >= _list(other)

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate %s (not "%s") to %s'
                            % (type(self).__name__, type(other).__name__, type(self).__name__))
        result = deque.copy(self)
        _extend(result, other)
        return result

    def __iadd__(self, other):
        _extend(self, other)
        return self

    def __mul__(self, n):
        result = deque.copy(self)
        deque.__imul__(result, n)
        return result

    __rmul__ = __mul__

    def __imul__(self, n):
        n = _index(n, "can't multiply sequence by non-int of type '%s'" % type(n).__name__)
        if n <= 0:
            _clear(self)
        elif n > 1:
            values = _list(self)
            for _ in range(n - 1):
                _extend(self, values)
        return self


for _method in (_append, _appendleft, _pop, _popleft, _extend, _extendleft, _clear):
    _method.__name__ = _method.__name__[1:]
    _method.__qualname__ = 'deque.' + _method.__name__


class defaultdict(dict):
    __module__ = 'collections'
    __slots__ = ('default_factory',)

    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        self.default_factory = default_factory
        dict.__init__(self, *args, **kwargs)

    def __missing__(self, key):
        factory = self.default_factory
        if factory is None:
            raise KeyError(key)
        value = factory()
        self[key] = value
        return value

    def __repr__(self):
        factory = self.default_factory
        if factory is None:
            shown = 'None'
        else:
            key = id(factory)
            if key in _repr_running:
                shown = '...'
            else:
                _repr_running.add(key)
                try:
                    shown = repr(factory)
                finally:
                    _repr_running.discard(key)
        return '%s(%s, %s)' % (type(self).__name__, shown, dict.__repr__(self))

    def copy(self):
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        result = self.copy()
        result.update(other)
        return result

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        result = type(self)(self.default_factory, other)
        result.update(self)
        return result
