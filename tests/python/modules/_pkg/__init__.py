print("package init:", __name__, __package__)
from . import _sub
from ._sub import twice
LEVEL = "top"
