# a module that does not compile: SyntaxError with the module's file and line
print("before")
try:
    import _bad_syntax
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.lineno, e.filename.endswith("_bad_syntax.py"))
import _bad_syntax
