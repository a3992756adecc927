def load(d):
    try:
        return d["key"]
    except KeyError:
        raise ValueError("no key configured")
load({})
