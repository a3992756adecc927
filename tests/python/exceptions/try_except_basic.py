def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return "div0"
print(safe_div(6, 3), safe_div(1, 0))
try:
    [][1]
except IndexError as e:
    print("IndexError:", e)
try:
    {}["k"]
except KeyError as e:
    print("KeyError:", e, repr(e))
try:
    int("x")
except ValueError as e:
    print("ValueError:", e)
try:
    None + 1
except TypeError as e:
    print("TypeError:", e)
try:
    undefined
except NameError as e:
    print("NameError:", e)
try:
    "s".nope
except AttributeError as e:
    print("AttributeError:", e)
