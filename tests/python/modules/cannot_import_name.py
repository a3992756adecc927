# an uncaught ImportError of a name the module lacks
def load():
    from sys import no_such_name
    return no_such_name


load()
