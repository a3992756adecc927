"""from __future__ imports: directives at the top of the file."""
from __future__ import annotations
from __future__ import division, generator_stop

# Under `annotations`, annotations are not evaluated.
x: Undefined = 1


class C:
    y: AlsoUndefined = 2


def f(a: Missing) -> Nowhere:
    return a


print(x, C.y, f(3), 7 / 2)
