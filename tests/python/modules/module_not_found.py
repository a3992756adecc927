# an uncaught ModuleNotFoundError
import math
import no_such_module_here
