class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, what):
        super().__init__("not found: " + what)
        self.what = what
try:
    raise NotFound("file.txt")
except AppError as e:
    print(type(e).__name__, e, e.what, e.args, isinstance(e, Exception))
class WithStr(Exception):
    def __str__(self):
        return "custom str"
try:
    raise WithStr()
except WithStr as e:
    print(e, repr(e))
