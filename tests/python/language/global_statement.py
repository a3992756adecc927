# scoping: the global statement: updating and creating globals from functions, local shadowing
counter = 0


def bump():
    global counter
    counter += 1
    return counter


bump()
bump()
print(counter)


def create_global():
    global created
    created = "made in a function"


create_global()
print(created)


def shadow():
    counter = 100  # a local, the global is untouched
    return counter


print(shadow(), counter)
x = "global x"


def reads_before_global_write():
    global x
    print(x)
    x = "written"


reads_before_global_write()
print(x)


def several():
    global p, q
    p, q = "p", "q"


several()
print(p + q, "p" in globals())
