# with: __exit__ returning a true value suppresses the exception, a false one lets it through
class Suppress:
    def __init__(self, *types):
        self.types = types

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, self.types):
            print("suppressing", exc_type.__name__, exc)
            self.caught = exc
            return True
        print("not suppressing", exc_type)
        return None


with Suppress(KeyError) as s:
    {}["missing"]
    print("never")
print("after with, caught:", repr(s.caught))

try:
    with Suppress(KeyError):
        1 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError passed through:", e)

with Suppress(ValueError, TypeError):
    with Suppress(KeyError):
        int("x")
print("outer suppressed inner's passthrough")
