match "ab":
    case [1, "a" f"b"]:
        pass
