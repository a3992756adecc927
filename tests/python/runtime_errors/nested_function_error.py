def outer():
    def inner(x):
        return x["missing"]
    return inner({})
outer()
