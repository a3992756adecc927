# an exception while a module runs: the traceback goes through the module's frames
print("before")
import _raises_mod
print("never")
