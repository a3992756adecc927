public = "p"
_private = "x"


def function():
    return "f"
