# scoping: global and nonlocal together in nested functions; class scope skipped by methods
counter = 0
name = "module"


def outer():
    name = "outer local"

    def use_global():
        global name
        return name

    def use_nonlocal():
        nonlocal name
        name = "rebound by inner"
        return name

    return use_global(), use_nonlocal(), name


print(outer(), name)


def nested_levels():
    level = 1

    def two():
        level = 2

        def three():
            nonlocal level
            level += 10
            return level
        three()
        return level
    return two(), level


print(nested_levels())


def global_in_nested():
    counter = "local counter"

    def inner():
        global counter
        counter = 500
    inner()
    return counter


print(global_in_nested(), counter)


class Holder:
    name = "class attribute"

    def method(self):
        return name  # class scope is skipped: finds the global


print(Holder().method(), Holder.name)
