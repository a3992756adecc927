# EOFError, SystemError, Warning and UserWarning: raised, caught by their bases, printed.
for cls in (EOFError, SystemError, Warning, UserWarning):
    try:
        raise cls("boom", cls.__name__)
    except Exception as e:
        print(type(e).__name__, e.args, str(e), repr(e))
print(issubclass(UserWarning, Warning), issubclass(Warning, Exception))
print(issubclass(EOFError, Exception), issubclass(SystemError, Exception))
print([c.__name__ for c in UserWarning.__mro__])
try:
    raise UserWarning("careful")
except Warning as w:
    print("caught", w)
class MyWarning(UserWarning):
    pass
try:
    raise MyWarning()
except UserWarning as w:
    print("subclass", type(w).__name__, w.args)
