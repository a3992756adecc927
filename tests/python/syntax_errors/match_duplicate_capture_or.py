match [1, 2]:
    case [x, (1 as x) | (2 as x)]:
        pass
