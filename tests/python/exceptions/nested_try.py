def risky(n):
    try:
        try:
            if n == 0:
                raise ValueError("zero")
            return 10 // (n - 1)
        except ValueError as e:
            print("inner caught", e)
            raise TypeError("converted")
    except ZeroDivisionError:
        print("outer caught zerodiv")
        return -1
    except TypeError as e:
        print("outer caught", e)
        return -2
print(risky(0), risky(1), risky(3))
