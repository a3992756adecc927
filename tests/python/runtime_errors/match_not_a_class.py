# A class pattern whose class is not a type raises TypeError when the case is tried;
# the traceback points at the pattern's line.
def classify(value, kind):
    match value:
        case 0:
            return "zero"
        case kind():
            return "instance"


print(classify(0, int))
print(classify(5, int))
print(classify(5, "int"))
