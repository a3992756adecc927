# A private name is mangled before `nonlocal` looks for its binding: the message names
# the mangled name.
class Account:
    def deposit(self):
        __balance = 0

        def add():
            nonlocal __balance
            __balance += 1

        return add


class Other:
    def method(self):
        def inner():
            nonlocal __missing
            __missing = 1
        return inner
