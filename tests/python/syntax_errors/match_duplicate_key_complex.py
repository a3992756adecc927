match {}:
    case {0: a, 1 - 2j: b, 1.0 - 2j: c}:
        pass
