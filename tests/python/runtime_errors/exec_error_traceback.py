# An uncaught error inside exec: the traceback goes through "<string>".
def helper(n):
    source = "def inner(k):\n    return 10 // k\n\nresult = inner(n)\n"
    exec(source, {"n": n})


helper(5)
print("first call done")
helper(0)
