class E(Exception):
    pass
raise E("a", 1)
