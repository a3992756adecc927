# try/finally: return passing through finally; a return or raise in finally overriding it
def ret():
    try:
        return "from try"
    finally:
        print("  finally after return")


print(ret())


def override():
    try:
        return "try value"
    finally:
        return "finally value"  # noqa: the finally return wins


print(override())


def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "exception swallowed by return in finally"


print(swallow())
