for d in [2, 0]:
    try:
        r = 10 // d
    except ZeroDivisionError:
        print("error")
    else:
        print("ok", r)
    finally:
        print("always")
