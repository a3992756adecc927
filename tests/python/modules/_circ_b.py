print("b: start")
import _circ_a
try:
    print(_circ_a.value_a)
except AttributeError as e:
    print("AttributeError:", e)
try:
    from _circ_a import value_a
except ImportError as e:
    print("ImportError:", str(e).split(" (/")[0].split(" (_")[0])
value_b = "B"
print("b: end")
