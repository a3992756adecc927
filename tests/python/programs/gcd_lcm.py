def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
def lcm(a, b):
    return a * b // gcd(a, b)
result = 1
for i in range(1, 31):
    result = lcm(result, i)
print(gcd(48, 18), gcd(17, 5), result, gcd(2 ** 100, 6 ** 50))
