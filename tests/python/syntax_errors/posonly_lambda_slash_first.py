# A lambda cannot start with the positional-only separator.
f = lambda /: 1
