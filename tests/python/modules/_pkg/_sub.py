print("submodule:", __name__, __package__)


def twice(x):
    return 2 * x


def level():
    from . import LEVEL
    return LEVEL
