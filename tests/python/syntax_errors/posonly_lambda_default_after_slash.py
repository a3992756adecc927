# The same in a lambda: the caret is at the colon.
f = lambda a, /, b=1, c: 0
