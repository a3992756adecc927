# An uncaught FileNotFoundError from open(): the traceback ends with the errno, the
# message and the file name.
def load(name):
    with open(name) as f:
        return f.read()


print("before")
load("no-such-file.txt")
print("not reached")
