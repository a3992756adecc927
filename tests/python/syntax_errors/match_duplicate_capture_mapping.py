match {}:
    case {"a": x, **x}:
        pass
