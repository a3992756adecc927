match 3:
    case _ as y:
        pass
    case 4:
        pass
