# circular imports: the module being imported is partially initialized
import _circ_a
import _circ_b
print(_circ_a.value_a, _circ_b.value_b)
