# with: __exit__ runs on break, continue and return; an exception raised by __exit__ chains
class Tracer:
    def __init__(self, name, log):
        self.name, self.log = name, log

    def __enter__(self):
        self.log.append("enter " + self.name)

    def __exit__(self, *exc):
        self.log.append("exit " + self.name)


log = []
for i in range(3):
    with Tracer("loop", log):
        if i == 1:
            continue
        if i == 2:
            break
        log.append("body")
print(log)


def f():
    with Tracer("func", log):
        return "returned"


log.clear()
print(f(), log)


class ExitRaises:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        raise RuntimeError("from __exit__")


try:
    with ExitRaises():
        raise ValueError("body error")
except RuntimeError as e:
    print("RuntimeError:", e, "context:", repr(e.__context__))


class TruthyNonBool:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return "yes"


with TruthyNonBool():
    raise OSError("suppressed by a truthy string")
print("done")
