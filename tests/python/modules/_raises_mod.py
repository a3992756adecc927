x = 1


def divide(a):
    return a / 0


result = divide(x)
