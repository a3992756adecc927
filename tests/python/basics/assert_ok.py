assert True
assert 1 + 1 == 2, "math works"
try:
    assert 1 == 2, "one is not two"
except AssertionError as e:
    print("caught:", e)
try:
    assert []
except AssertionError as e:
    print("empty message:", repr(str(e)))
