# jitgen-bench: smoke-size=50
# deltablue: the DeltaBlue incremental dataflow constraint solver (Freeman-Benson,
# Maloney and Borning). Each iteration runs a chain test (a chain of SIZE+1 variables
# tied by equality constraints, driven from one end) and a projection test (SIZE
# scale constraints dst = src * scale + offset, changed from either side).
# Strengths are small ints, 0 = required (the strongest) to 6 = weakest.
import sys
import time

REQUIRED = 0
STRONG_PREFERRED = 1
PREFERRED = 2
STRONG_DEFAULT = 3
NORMAL = 4
WEAK_DEFAULT = 5
WEAKEST = 6

# Direction of a binary constraint: which variable it writes.
NONE = 0
FORWARD = 1
BACKWARD = 2

# The planner that constraints add themselves to (set by each test).
planner = None


def stronger(a, b):
    return a < b


def weaker(a, b):
    return a > b


def weakest_of(a, b):
    if a > b:
        return a
    return b


class Variable:
    def __init__(self, name, value):
        self.name = name
        self.value = value
        self.constraints = []
        self.determined_by = None
        self.mark = 0
        self.walk_strength = WEAKEST
        self.stay = True

    def add_constraint(self, c):
        self.constraints.append(c)

    def remove_constraint(self, c):
        kept = []
        i = 0
        while i < len(self.constraints):
            d = self.constraints[i]
            if d is not c:
                kept.append(d)
            i = i + 1
        self.constraints = kept
        if self.determined_by is c:
            self.determined_by = None


class Constraint:
    def __init__(self, strength):
        self.strength = strength

    def add_constraint(self):
        self.add_to_graph()
        planner.incremental_add(self)

    def satisfy(self, mark):
        # Try to satisfy this constraint by choosing a method; answer the constraint
        # whose output it took over (to be re-satisfied), or None.
        self.choose_method(mark)
        if not self.is_satisfied():
            if self.strength == REQUIRED:
                raise RuntimeError("could not satisfy a required constraint")
            return None
        self.mark_inputs(mark)
        out = self.output()
        overridden = out.determined_by
        if overridden is not None:
            overridden.mark_unsatisfied()
        out.determined_by = self
        if not planner.add_propagate(self, mark):
            raise RuntimeError("cycle encountered")
        out.mark = mark
        return overridden

    def destroy_constraint(self):
        if self.is_satisfied():
            planner.incremental_remove(self)
        else:
            self.remove_from_graph()

    def is_input(self):
        return False


class UnaryConstraint(Constraint):
    def __init__(self, v, strength):
        super().__init__(strength)
        self.my_output = v
        self.satisfied = False
        self.add_constraint()

    def add_to_graph(self):
        self.my_output.add_constraint(self)
        self.satisfied = False

    def choose_method(self, mark):
        out = self.my_output
        self.satisfied = out.mark != mark and stronger(self.strength, out.walk_strength)

    def is_satisfied(self):
        return self.satisfied

    def mark_inputs(self, mark):
        pass

    def output(self):
        return self.my_output

    def recalculate(self):
        out = self.my_output
        out.walk_strength = self.strength
        out.stay = not self.is_input()
        if out.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.satisfied = False

    def inputs_known(self, mark):
        return True

    def remove_from_graph(self):
        self.my_output.remove_constraint(self)
        self.satisfied = False


class StayConstraint(UnaryConstraint):
    # Keeps its variable's value (while no stronger constraint changes it).
    def execute(self):
        pass


class EditConstraint(UnaryConstraint):
    # Marks a variable the user sets from outside.
    def is_input(self):
        return True

    def execute(self):
        pass


class BinaryConstraint(Constraint):
    def __init__(self, v1, v2, strength):
        super().__init__(strength)
        self.v1 = v1
        self.v2 = v2
        self.direction = NONE
        self.add_constraint()

    def choose_method(self, mark):
        v1 = self.v1
        v2 = self.v2
        if v1.mark == mark:
            if v2.mark != mark and stronger(self.strength, v2.walk_strength):
                self.direction = FORWARD
            else:
                self.direction = NONE
            return
        if v2.mark == mark:
            if v1.mark != mark and stronger(self.strength, v1.walk_strength):
                self.direction = BACKWARD
            else:
                self.direction = NONE
            return
        # Neither variable is marked: write the weaker one, if this constraint is
        # stronger than it.
        if weaker(v1.walk_strength, v2.walk_strength):
            if stronger(self.strength, v1.walk_strength):
                self.direction = BACKWARD
            else:
                self.direction = NONE
        else:
            if stronger(self.strength, v2.walk_strength):
                self.direction = FORWARD
            else:
                self.direction = NONE

    def add_to_graph(self):
        self.v1.add_constraint(self)
        self.v2.add_constraint(self)
        self.direction = NONE

    def is_satisfied(self):
        return self.direction != NONE

    def mark_inputs(self, mark):
        self.input().mark = mark

    def input(self):
        if self.direction == FORWARD:
            return self.v1
        return self.v2

    def output(self):
        if self.direction == FORWARD:
            return self.v2
        return self.v1

    def recalculate(self):
        source = self.input()
        out = self.output()
        out.walk_strength = weakest_of(self.strength, source.walk_strength)
        out.stay = source.stay
        if out.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.direction = NONE

    def inputs_known(self, mark):
        source = self.input()
        return source.mark == mark or source.stay or source.determined_by is None

    def remove_from_graph(self):
        self.v1.remove_constraint(self)
        self.v2.remove_constraint(self)
        self.direction = NONE


class EqualityConstraint(BinaryConstraint):
    def execute(self):
        self.output().value = self.input().value


class ScaleConstraint(BinaryConstraint):
    # v2 = v1 * scale + offset (written either way; the backward division is exact
    # in these tests).
    def __init__(self, src, scale, offset, dest, strength):
        self.scale = scale
        self.offset = offset
        super().__init__(src, dest, strength)

    def add_to_graph(self):
        super().add_to_graph()
        self.scale.add_constraint(self)
        self.offset.add_constraint(self)

    def remove_from_graph(self):
        super().remove_from_graph()
        self.scale.remove_constraint(self)
        self.offset.remove_constraint(self)

    def mark_inputs(self, mark):
        super().mark_inputs(mark)
        self.scale.mark = mark
        self.offset.mark = mark

    def execute(self):
        if self.direction == FORWARD:
            self.v2.value = self.v1.value * self.scale.value + self.offset.value
        else:
            self.v1.value = (self.v2.value - self.offset.value) // self.scale.value

    def recalculate(self):
        source = self.input()
        out = self.output()
        out.walk_strength = weakest_of(self.strength, source.walk_strength)
        out.stay = source.stay and self.scale.stay and self.offset.stay
        if out.stay:
            self.execute()


class Plan:
    def __init__(self):
        self.constraints = []

    def add(self, c):
        self.constraints.append(c)

    def execute(self):
        cs = self.constraints
        i = 0
        while i < len(cs):
            cs[i].execute()
            i = i + 1


class Planner:
    def __init__(self):
        self.current_mark = 0

    def new_mark(self):
        self.current_mark = self.current_mark + 1
        return self.current_mark

    def incremental_add(self, c):
        mark = self.new_mark()
        overridden = c.satisfy(mark)
        while overridden is not None:
            overridden = overridden.satisfy(mark)

    def incremental_remove(self, c):
        out = c.output()
        c.mark_unsatisfied()
        c.remove_from_graph()
        unsatisfied = self.remove_propagate_from(out)
        # Re-satisfy what the removal left unsatisfied, strongest first.
        strength = REQUIRED
        while strength < WEAKEST:
            i = 0
            while i < len(unsatisfied):
                u = unsatisfied[i]
                if u.strength == strength:
                    self.incremental_add(u)
                i = i + 1
            strength = strength + 1

    def make_plan(self, sources):
        mark = self.new_mark()
        plan = Plan()
        todo = sources
        head = 0
        while head < len(todo):
            c = todo[head]
            head = head + 1
            out = c.output()
            if out.mark != mark and c.inputs_known(mark):
                plan.add(c)
                out.mark = mark
                self.add_constraints_consuming_to(out, todo)
        return plan

    def extract_plan_from_constraints(self, constraints):
        sources = []
        i = 0
        while i < len(constraints):
            c = constraints[i]
            if c.is_input() and c.is_satisfied():
                sources.append(c)
            i = i + 1
        return self.make_plan(sources)

    def add_propagate(self, c, mark):
        # Recompute the walkabout strengths and stay flags downstream of c; answer
        # False (after removing c again) if that comes back to c's output: a cycle.
        todo = [c]
        head = 0
        while head < len(todo):
            d = todo[head]
            head = head + 1
            if d.output().mark == mark:
                self.incremental_remove(c)
                return False
            d.recalculate()
            self.add_constraints_consuming_to(d.output(), todo)
        return True

    def remove_propagate_from(self, out):
        out.determined_by = None
        out.walk_strength = WEAKEST
        out.stay = True
        unsatisfied = []
        todo = [out]
        head = 0
        while head < len(todo):
            v = todo[head]
            head = head + 1
            cs = v.constraints
            i = 0
            while i < len(cs):
                c = cs[i]
                if not c.is_satisfied():
                    unsatisfied.append(c)
                i = i + 1
            determining = v.determined_by
            i = 0
            while i < len(cs):
                c = cs[i]
                if c is not determining and c.is_satisfied():
                    c.recalculate()
                    todo.append(c.output())
                i = i + 1
        return unsatisfied

    def add_constraints_consuming_to(self, v, coll):
        determining = v.determined_by
        cs = v.constraints
        i = 0
        while i < len(cs):
            c = cs[i]
            if c is not determining and c.is_satisfied():
                coll.append(c)
            i = i + 1


def chain_test(n):
    global planner
    planner = Planner()
    prev = None
    first = None
    last = None
    i = 0
    while i <= n:
        v = Variable("v" + str(i), 0)
        if prev is not None:
            EqualityConstraint(prev, v, REQUIRED)
        if i == 0:
            first = v
        if i == n:
            last = v
        prev = v
        i = i + 1
    StayConstraint(last, STRONG_DEFAULT)
    edit = EditConstraint(first, PREFERRED)
    plan = planner.extract_plan_from_constraints([edit])
    total = 0
    i = 0
    while i < 100:
        first.value = i
        plan.execute()
        if last.value != i:
            raise RuntimeError("chain test failed")
        total = total + last.value
        i = i + 1
    return [n + 1, len(plan.constraints), total, planner.current_mark]


def change(v, value):
    edit = EditConstraint(v, PREFERRED)
    plan = planner.extract_plan_from_constraints([edit])
    i = 0
    while i < 10:
        v.value = value
        plan.execute()
        i = i + 1
    edit.destroy_constraint()


def projection_test(n):
    global planner
    planner = Planner()
    scale = Variable("scale", 10)
    offset = Variable("offset", 1000)
    src = None
    dst = None
    dests = []
    i = 0
    while i < n:
        src = Variable("src" + str(i), i)
        dst = Variable("dst" + str(i), i)
        dests.append(dst)
        StayConstraint(src, NORMAL)
        ScaleConstraint(src, scale, offset, dst, REQUIRED)
        i = i + 1
    change(src, 17)
    if dst.value != 1170:
        raise RuntimeError("projection test 1 failed")
    change(dst, 1050)
    if src.value != 5:
        raise RuntimeError("projection test 2 failed")
    change(scale, 5)
    i = 0
    while i < n - 1:
        if dests[i].value != i * 5 + 1000:
            raise RuntimeError("projection test 3 failed")
        i = i + 1
    change(offset, 2000)
    i = 0
    while i < n - 1:
        if dests[i].value != i * 5 + 2000:
            raise RuntimeError("projection test 4 failed")
        i = i + 1
    total = 0
    i = 0
    while i < n:
        total = total + dests[i].value
        i = i + 1
    return [n, total, planner.current_mark]


def fold(checksum, numbers):
    i = 0
    while i < len(numbers):
        checksum = (checksum * 31 + numbers[i]) % 1000000007
        i = i + 1
    return checksum


def run(size):
    chain = chain_test(size)
    projection = projection_test(size)
    lines = []
    lines.append("chain test: " + str(chain[0]) + " variables, plan of " + str(chain[1])
                 + " constraints, sum " + str(chain[2]) + ", marks " + str(chain[3]))
    lines.append("projection test: " + str(projection[0]) + " scale constraints, sum "
                 + str(projection[1]) + ", marks " + str(projection[2]))
    checksum = fold(fold(0, chain), projection)
    lines.append("checksum: " + str(checksum))
    return lines


def same_lines(a, b):
    if len(a) != len(b):
        return False
    i = 0
    while i < len(a):
        if a[i] != b[i]:
            return False
        i = i + 1
    return True


def main():
    iterations = 10
    size = 2000
    if len(sys.argv) > 1:
        iterations = int(sys.argv[1])
    if len(sys.argv) > 2:
        size = int(sys.argv[2])
    expected = None
    i = 1
    while i <= iterations:
        t0 = time.perf_counter()
        lines = run(size)
        t1 = time.perf_counter()
        print("iteration " + str(i) + ": " + str(t1 - t0), flush=True)
        if expected is None:
            expected = lines
        elif not same_lines(expected, lines):
            sys.exit("error: iteration " + str(i) + " gave a different result")
        i = i + 1
    if expected is not None:
        i = 0
        while i < len(expected):
            print(expected[i])
            i = i + 1


main()
