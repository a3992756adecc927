# A small calculator: a tokenizer, a parser producing tuples and class instances, and
# an evaluator and simplifier written with match statements.


class Num:
    __match_args__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return f"Num({self.value!r})"


class Var:
    __match_args__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Var({self.name!r})"


class BinOp:
    __match_args__ = ("op", "left", "right")

    def __init__(self, op, left, right):
        self.op = op
        self.left = left
        self.right = right

    def __repr__(self):
        return f"BinOp({self.op!r}, {self.left!r}, {self.right!r})"


class Call:
    __match_args__ = ("func", "args")

    def __init__(self, func, args):
        self.func = func
        self.args = args


def tokenize(text):
    tokens = []
    i = 0
    while i < len(text):
        match text[i]:
            case " ":
                i += 1
            case "+" | "-" | "*" | "/" | "(" | ")" | "," | "^" as op:
                tokens.append(("op", op))
                i += 1
            case c if c.isdigit():
                j = i
                while j < len(text) and (text[j].isdigit() or text[j] == "."):
                    j += 1
                number = text[i:j]
                tokens.append(("num", float(number) if "." in number else int(number)))
                i = j
            case c if c.isalpha():
                j = i
                while j < len(text) and text[j].isalnum():
                    j += 1
                tokens.append(("name", text[i:j]))
                i = j
            case c:
                raise SyntaxError(f"unexpected character {c!r}")
    return tokens


class Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", None)

    def take(self):
        token = self.peek()
        self.pos += 1
        return token

    def expression(self):
        left = self.term()
        while True:
            match self.peek():
                case ("op", "+" | "-" as op):
                    self.take()
                    left = BinOp(op, left, self.term())
                case _:
                    return left

    def term(self):
        left = self.power()
        while True:
            match self.peek():
                case ("op", "*" | "/" as op):
                    self.take()
                    left = BinOp(op, left, self.power())
                case _:
                    return left

    def power(self):
        base = self.atom()
        match self.peek():
            case ("op", "^"):
                self.take()
                return BinOp("^", base, self.power())
        return base

    def atom(self):
        match self.take():
            case ("num", value):
                return Num(value)
            case ("name", name):
                match self.peek():
                    case ("op", "("):
                        self.take()
                        args = [self.expression()]
                        while self.peek() == ("op", ","):
                            self.take()
                            args.append(self.expression())
                        self.expect(")")
                        return Call(name, args)
                return Var(name)
            case ("op", "("):
                inner = self.expression()
                self.expect(")")
                return inner
            case ("op", "-"):
                return BinOp("-", Num(0), self.atom())
            case token:
                raise SyntaxError(f"unexpected token {token}")

    def expect(self, op):
        match self.take():
            case ("op", found) if found == op:
                pass
            case token:
                raise SyntaxError(f"expected {op!r}, got {token}")


FUNCTIONS = {
    "max": lambda *values: max(values),
    "min": lambda *values: min(values),
    "abs": abs,
}


def evaluate(node, env):
    match node:
        case Num(value):
            return value
        case Var(name) if name in env:
            return env[name]
        case Var(name):
            raise NameError(f"unknown variable {name}")
        case BinOp("+", left, right):
            return evaluate(left, env) + evaluate(right, env)
        case BinOp("-", left, right):
            return evaluate(left, env) - evaluate(right, env)
        case BinOp("*", left, right):
            return evaluate(left, env) * evaluate(right, env)
        case BinOp("/", left, right):
            return evaluate(left, env) / evaluate(right, env)
        case BinOp("^", left, right):
            return evaluate(left, env) ** evaluate(right, env)
        case Call(name, args) if name in FUNCTIONS:
            return FUNCTIONS[name](*[evaluate(a, env) for a in args])
        case Call(name, _):
            raise NameError(f"unknown function {name}")


def simplify(node):
    match node:
        case BinOp(op, left, right):
            left, right = simplify(left), simplify(right)
            match (op, left, right):
                case ("+", Num(0), other) | ("+", other, Num(0)):
                    return other
                case ("*", Num(1), other) | ("*", other, Num(1)):
                    return other
                case ("*", Num(0), _) | ("*", _, Num(0)):
                    return Num(0)
                case ("-", same, Var(name)) if same == Var(name) or (
                        isinstance(same, Var) and same.name == name):
                    return Num(0)
                case (_, Num(a), Num(b)):
                    return Num(evaluate(BinOp(op, Num(a), Num(b)), {}))
                case _:
                    return BinOp(op, left, right)
        case Call(name, [single]) if name in ("max", "min"):
            return simplify(single)
        case Call(name, [*args]):
            return Call(name, [simplify(a) for a in args])
        case _:
            return node


def show(node):
    match node:
        case Num(value):
            return str(value)
        case Var(name):
            return name
        case BinOp(op, left, right):
            return f"({show(left)} {op} {show(right)})"
        case Call(name, args):
            return f"{name}({', '.join(show(a) for a in args)})"


env = {"x": 3, "y": 4.5, "zero": 0}
for source in ["1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-x + 10", "x * y / 2",
               "max(1, x, y) - min(x, 2)", "abs(-7) + 0 * x", "x * 1 + 0",
               "x - x", "max(x * 1, 0)", "min(x * 1)", "2.5 * 4", "1 / zero", "unknown + 1",
               "foo(1)", "3 $ 4", "(1 + 2", "1 +"]:
    try:
        tree = Parser(tokenize(source)).expression()
        simple = simplify(tree)
        print(f"{source:28} {show(simple):24} = {evaluate(tree, env)}")
    except (SyntaxError, NameError, ZeroDivisionError) as error:
        print(f"{source:28} error: {type(error).__name__}: {error}")
