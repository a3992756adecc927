match {}:
    case {-1: a, True: b, 1: c}:
        pass
