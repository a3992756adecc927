print("compiled first")


def f(x):
    match x:
        case 1:
            pass
        case name:
            pass
        case 2:
            pass
