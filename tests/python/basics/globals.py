counter = 0
def bump():
    global counter
    counter += 1
def read():
    return counter
bump(); bump()
print(counter, read())
def make():
    global made
    made = "yes"
make()
print(made)
x = 1
def shadow():
    x = 2
    return x
print(shadow(), x)
