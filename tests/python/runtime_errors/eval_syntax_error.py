# An uncaught SyntaxError from eval: reported at "<string>".
print("before")
eval("1 +* 2")
