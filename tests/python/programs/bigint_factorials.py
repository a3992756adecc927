def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result
f100 = factorial(100)
print(f100)
print(len(str(f100)), sum([int(d) for d in str(f100)]), f100 % 1000000007)
print(factorial(25) // factorial(23), 2 ** 200 - 2 ** 199 == 2 ** 199)
