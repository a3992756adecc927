# jitgen-bench: smoke-size=6
# nqueens: count every placement of SIZE non-attacking queens on a SIZE x SIZE board
# by recursive backtracking; a square is checked against the queens of earlier rows,
# and the mirror symmetry of the first row halves the search.
import sys
import time


def make_array(n, value):
    a = []
    i = 0
    while i < n:
        a.append(value)
        i = i + 1
    return a


class Board:
    def __init__(self, n):
        self.n = n
        self.queen_at = make_array(n, 0)
        self.solutions = 0
        self.nodes = 0
        self.signature = 0

    def safe(self, row, col):
        # A queen at (row, col) is safe if no queen of an earlier row shares its
        # column or one of its diagonals.
        r = 0
        while r < row:
            c = self.queen_at[r]
            if c == col:
                return False
            d = row - r
            if c - col == d or col - c == d:
                return False
            r = r + 1
        return True

    def place(self, row):
        n = self.n
        if row == n:
            self.solutions = self.solutions + 1
            self.record()
            return
        col = 0
        while col < n:
            if self.safe(row, col):
                self.nodes = self.nodes + 1
                self.queen_at[row] = col
                self.place(row + 1)
            col = col + 1

    def solve(self):
        # Mirror symmetry: a solution with its first-row queen in column c mirrors
        # one with it in column n - 1 - c, so only the left half (and the middle
        # column of an odd board) is searched and the left half counted twice.
        n = self.n
        total = 0
        col = 0
        while col < (n + 1) // 2:
            before = self.solutions
            self.nodes = self.nodes + 1
            self.queen_at[0] = col
            self.place(1)
            found = self.solutions - before
            if col < n // 2:
                total = total + 2 * found
            else:
                total = total + found
            col = col + 1
        return total

    def record(self):
        # Fold the solution (its column per row) into an order-sensitive hash.
        h = 0
        row = 0
        while row < self.n:
            h = (h * 31 + self.queen_at[row] + 1) % 1000000007
            row = row + 1
        self.signature = (self.signature * 7 + h) % 1000000007


def run(size):
    board = Board(size)
    total = board.solve()
    lines = []
    lines.append("board: " + str(size) + "x" + str(size))
    lines.append("solutions: " + str(total))
    lines.append("nodes searched: " + str(board.nodes))
    checksum = (board.signature + total * 1000 + board.nodes) % 1000000007
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
    size = 10
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
