# The Python part of jitpy's `_collections` module (`deque` is native:
# runtime/modules/deque.rs): `defaultdict`, a dict whose `__missing__` calls its factory.
# CPython writes it in C; its class is named as CPython's (`collections.defaultdict`), and
# its frames stay out of tracebacks.

_repr_running = set()


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
