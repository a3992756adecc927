# An error raised in __getattr__, reached through a property's getter: every frame shows.

class C:
    @property
    def bad(self):
        return self.missing_attr + 1

    def __getattr__(self, name):
        if name == "missing_attr":
            raise KeyError(name)
        raise AttributeError(name)


def run():
    print("reading C().bad")
    return C().bad


run()
