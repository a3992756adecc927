# An uncaught error raised by a key function that groupby calls, inside a function a
# partial and an lru_cache wrap: the traceback names only the program's frames, as
# CPython's C implementations leave no entries.
from functools import lru_cache, partial
from itertools import groupby


def bucket(limit, value):
    if value > limit:
        raise ValueError(f"{value} is over {limit}")
    return value // 10


@lru_cache(maxsize=None)
def summarize(values):
    key = partial(bucket, 30)
    return [(k, len(list(g))) for k, g in groupby(values, key=key)]


print(summarize((1, 5, 12, 27, 28)))
print(summarize((3, 14, 45)))
