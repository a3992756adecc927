print(1 < 2, 2 <= 2, 3 > 4, 4 >= 4, 1 == 1.0, 1 != 2, "a" < "b", "abc" < "abd")
print(1 < 2 < 3, 1 < 3 < 2, 0 < 1 <= 1 < 2, 5 > 3 == 3, [1] == [1], (1, 2) != (1, 2))
print(2 ** 70 > 2 ** 69, 2 ** 70 == 2.0 ** 70, 0.5 < 1, -1 < 0.0, 10 ** 20 > 1e19)
print(None == None, None == 0, "1" == 1, [] == (), {} == {})
def loud(v):
    print("eval", v)
    return v
print(loud(1) < loud(2) < loud(0) < loud(3))
