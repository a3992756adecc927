class Plain(object):
    pass
p = Plain()
print(type(p).__name__, isinstance(p, object), isinstance(3, object), Plain.__bases__[0].__name__)
class WithInit:
    def __init__(self):
        self.ready = True
print(WithInit().ready)
