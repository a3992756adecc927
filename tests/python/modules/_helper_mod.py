# A module imported by user_module.py: runs once, has its own globals.
print("helper: running as", __name__)
counter = 0
greeting = "hello"
_private = "hidden"


def bump():
    global counter
    counter += 1
    return counter


def greet(name):
    return greeting + ", " + name


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(" + str(self.x) + ", " + str(self.y) + ")"
