import gc
print(gc.isenabled())
gc.disable(); print(gc.isenabled())
gc.enable(); print(gc.isenabled())
print(gc.get_threshold())
gc.set_threshold(500); print(gc.get_threshold())
gc.set_threshold(800, 5, 3); print(gc.get_threshold())
print(type(gc.collect()).__name__, type(gc.collect(0)).__name__)
seen = []
def cb(phase, info):
    seen.append((phase, sorted(info)))
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print(seen)
print(gc.garbage, len(gc.get_count()), gc.get_freeze_count())
for bad in [lambda: gc.collect(3), lambda: gc.collect("x"), lambda: gc.set_threshold(), lambda: gc.isenabled(1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
class Node:
    def __init__(self):
        self.other = None
a, b = Node(), Node()
a.other, b.other = b, a
del a, b
print(gc.collect() >= 0)
