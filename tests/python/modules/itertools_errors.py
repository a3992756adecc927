# itertools: CPython's TypeError/ValueError messages for bad arguments.
import itertools as it


def attempt(label, f):
    try:
        result = f()
        print(label, 'ok', result)
    except Exception as e:
        print(label, type(e).__name__, e)


attempt('count str', lambda: it.count('a'))
attempt('count step', lambda: it.count(1, 'a'))
attempt('count 3', lambda: it.count(1, 2, 3))
attempt('count kw', lambda: it.count(x=1))
attempt('cycle 0', lambda: it.cycle())
attempt('cycle int', lambda: it.cycle(1))
attempt('repeat 0', lambda: it.repeat())
attempt('repeat times', lambda: it.repeat(1, 'a'))
attempt('repeat 3', lambda: it.repeat(1, 2, 3))
attempt('accumulate 0', lambda: it.accumulate())
attempt('accumulate int', lambda: it.accumulate(1))
attempt('accumulate kw', lambda: it.accumulate([1], initial=1, x=2))
attempt('chain lazy', lambda: type(it.chain(1)).__name__)
attempt('chain next', lambda: next(it.chain(1)))
attempt('chain kw', lambda: it.chain(a=1))
attempt('from_iterable 0', lambda: it.chain.from_iterable())
attempt('compress 1', lambda: it.compress([1]))
attempt('compress 0', lambda: it.compress())
attempt('compress int', lambda: it.compress(1, 2))
attempt('dropwhile 1', lambda: it.dropwhile(1))
attempt('takewhile int', lambda: it.takewhile(1, 2))
attempt('filterfalse 1', lambda: it.filterfalse(1))
attempt('groupby 0', lambda: it.groupby())
attempt('groupby int', lambda: it.groupby(1))
attempt('groupby kw', lambda: it.groupby([1], foo=2))
attempt('islice 0', lambda: it.islice())
attempt('islice 1', lambda: it.islice([1]))
attempt('islice -1', lambda: it.islice([1], -1))
attempt('islice str', lambda: it.islice([1], 'a'))
attempt('islice stop -1', lambda: it.islice([1], 1, -1))
attempt('islice start -1', lambda: it.islice([1], -1, 2))
attempt('islice step 0', lambda: it.islice([1], 0, 2, 0))
attempt('islice step str', lambda: it.islice([1], 0, 2, 'a'))
attempt('islice 5', lambda: it.islice([1], 0, 2, 1, 5))
attempt('islice int', lambda: it.islice(1, 2))
attempt('starmap 1', lambda: it.starmap(1))
attempt('starmap 3', lambda: it.starmap(1, 2, 3))
attempt('starmap item', lambda: next(it.starmap(pow, [1])))
attempt('tee 0', lambda: it.tee())
attempt('tee -1', lambda: it.tee([1], -1))
attempt('tee int', lambda: it.tee(1))
attempt('tee str', lambda: it.tee([1], 'a'))
attempt('zip_longest int', lambda: it.zip_longest(1))
attempt('zip_longest kw', lambda: it.zip_longest([1], foo=1))
attempt('product int', lambda: it.product(1))
attempt('product -1', lambda: it.product([1], repeat=-1))
attempt('product kw', lambda: it.product([1], foo=2))
attempt('product str', lambda: it.product([1], repeat='a'))
attempt('permutations 0', lambda: it.permutations())
attempt('permutations str', lambda: it.permutations([1], 'a'))
attempt('permutations -1', lambda: it.permutations([1], -1))
attempt('permutations int', lambda: it.permutations(1))
attempt('combinations 1', lambda: it.combinations([1]))
attempt('combinations -1', lambda: it.combinations([1], -1))
attempt('combinations str', lambda: it.combinations([1], 'a'))
attempt('cwr -1', lambda: it.combinations_with_replacement([1], -1))
attempt('cwr 1', lambda: it.combinations_with_replacement([1]))
attempt('pairwise 0', lambda: it.pairwise())
attempt('pairwise int', lambda: it.pairwise(1))


def boom(x):
    if x == 3:
        raise KeyError(x)
    return x < 5


attempt('predicate raises', lambda: list(it.takewhile(boom, [1, 2, 3, 4])))
attempt('key raises', lambda: list(it.groupby([1, 2, 3], key=lambda x: 1 / (x - 2))))
attempt('func raises', lambda: list(it.accumulate([1, 2, 0], lambda a, b: a // b)))
attempt('mixed add', lambda: list(it.accumulate([1, 'a'])))
print(repr(it.count), repr(it.islice), it.__name__, type(it.tee([])[0]))
