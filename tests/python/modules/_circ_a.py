print("a: start")
import _circ_b
value_a = "A"
print("a: end, b has", _circ_b.value_b)
