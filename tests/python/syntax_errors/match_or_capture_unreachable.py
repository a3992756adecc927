match 3:
    case 1 | other | 2:
        pass
