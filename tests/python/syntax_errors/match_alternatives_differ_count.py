match [1]:
    case [x, _] | [x, y]:
        pass
