# with: several context managers in one statement, enter/exit order, `as` targets, failures in enter
class CM:
    def __init__(self, name, fail_enter=False):
        self.name = name
        self.fail_enter = fail_enter

    def __enter__(self):
        print("enter", self.name)
        if self.fail_enter:
            raise RuntimeError(f"{self.name} failed to enter")
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        return False


with CM("a") as a, CM("b") as b, CM("c"):
    print("body with", a, b)

try:
    with CM("x"), CM("y", fail_enter=True), CM("z"):
        print("never")
except RuntimeError as e:
    print("RuntimeError:", e)

try:
    with CM("p") as p, CM("q") as q:
        raise ValueError("in body")
except ValueError as e:
    print("ValueError:", e)

# parenthesized form and unpacking targets
with (CM("m") as (first, *rest), CM("n") as n):
    print(first, rest, n)


class Ret:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        print("Ret exit args:", args)


with Ret() as r:
    print(type(r).__name__)

try:
    with 5:
        pass
except (TypeError, AttributeError) as e:
    print(type(e).__name__)
