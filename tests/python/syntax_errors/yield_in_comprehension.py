def f(items):
    return [(yield item) for item in items]
