errors = [ValueError("a"), TypeError("b"), KeyError("c")]
for e in errors:
    try:
        raise e
    except Exception as caught:
        print(caught is e, type(caught).__name__)
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(KeyError, LookupError))
print(issubclass(RecursionError, RuntimeError), issubclass(Exception, BaseException))
