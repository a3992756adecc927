# functions: closures sharing cells through nonlocal: counters with get/reset, independent instances
def make_counter(start=0):
    count = start

    def increment(step=1):
        nonlocal count
        count += step
        return count

    def get():
        return count

    def reset():
        nonlocal count
        count = start

    return increment, get, reset


inc, get, reset = make_counter(10)
inc()
inc(5)
print(get())
reset()
print(get(), inc(), get())

inc2, get2, _ = make_counter()
inc2()
print("independent:", get(), get2())
