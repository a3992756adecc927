# An integer loop in a function (locals, not globals): the loop the JIT should make fast.
def run(n):
    total = 0
    i = 0
    while i < n:
        total = total + i % 7
        i = i + 1
    return total


print(run(30000000))
