# jitgen-bench: smoke-size=4
"""A Monte-Carlo Go player on a 7x7 board.

Exercises: list-heavy board code (stones, flood fills finding groups and
liberties, captures, ko, eyes), a seeded linear congruential generator driving
random playouts, and a UCT search tree of small node objects using float
arithmetic (math.sqrt, math.log).  The program plays a few moves of a game,
each chosen by a UCT search of SIZE playouts; the checksum combines the chosen
moves and the playout results.
"""

import math
import sys
import time

BOARD = 7
MOVES = 2
KOMI = 7.5

EMPTY, BLACK, WHITE, EDGE = 0, 1, 2, 3
STRIDE = BOARD + 2


class Rng:
    """A linear congruential generator with an explicit modulus."""

    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return (self.state >> 8) % n


class Board:
    def __init__(self):
        self.cells = [EDGE] * (STRIDE * STRIDE)
        self.empties = []
        self.where = [-1] * (STRIDE * STRIDE)
        for row in range(1, BOARD + 1):
            for col in range(1, BOARD + 1):
                pos = row * STRIDE + col
                self.cells[pos] = EMPTY
                self.where[pos] = len(self.empties)
                self.empties.append(pos)
        self.to_move = BLACK
        self.ko = -1
        self.passes = 0
        self.mark = [0] * (STRIDE * STRIDE)
        self.generation = 0
        self.captures = [0, 0, 0]

    def copy(self):
        b = Board.__new__(Board)
        b.cells = self.cells[:]
        b.empties = self.empties[:]
        b.where = self.where[:]
        b.to_move = self.to_move
        b.ko = self.ko
        b.passes = self.passes
        b.mark = [0] * (STRIDE * STRIDE)
        b.generation = 0
        b.captures = self.captures[:]
        return b

    def _remove_empty(self, pos):
        i = self.where[pos]
        last = self.empties.pop()
        if last != pos:
            self.empties[i] = last
            self.where[last] = i
        self.where[pos] = -1

    def _add_empty(self, pos):
        self.where[pos] = len(self.empties)
        self.empties.append(pos)

    def group(self, pos):
        """Returns (stones of the group at pos, number of its liberties)."""
        self.generation += 1
        gen = self.generation
        cells = self.cells
        mark = self.mark
        colour = cells[pos]
        stones = [pos]
        mark[pos] = gen
        liberties = 0
        i = 0
        while i < len(stones):
            p = stones[i]
            i += 1
            for nb in (p - 1, p + 1, p - STRIDE, p + STRIDE):
                if mark[nb] == gen:
                    continue
                c = cells[nb]
                if c == colour:
                    mark[nb] = gen
                    stones.append(nb)
                elif c == EMPTY:
                    mark[nb] = gen
                    liberties += 1
        return stones, liberties

    def has_liberty(self, pos):
        """Like group(pos)[1] > 0, but stops at the first liberty found."""
        self.generation += 1
        gen = self.generation
        cells = self.cells
        mark = self.mark
        colour = cells[pos]
        todo = [pos]
        mark[pos] = gen
        while todo:
            p = todo.pop()
            for nb in (p - 1, p + 1, p - STRIDE, p + STRIDE):
                c = cells[nb]
                if c == EMPTY:
                    return True
                if c == colour and mark[nb] != gen:
                    mark[nb] = gen
                    todo.append(nb)
        return False

    def is_legal(self, pos):
        cells = self.cells
        if cells[pos] != EMPTY or pos == self.ko:
            return False
        for nb in (pos - 1, pos + 1, pos - STRIDE, pos + STRIDE):
            if cells[nb] == EMPTY:
                return True
        colour = self.to_move
        other = 3 - colour
        cells[pos] = colour
        legal = False
        for nb in (pos - 1, pos + 1, pos - STRIDE, pos + STRIDE):
            if cells[nb] == other and not self.has_liberty(nb):
                legal = True
                break
        if not legal:
            legal = self.has_liberty(pos)
        cells[pos] = EMPTY
        return legal

    def is_own_eye(self, pos):
        """True if pos is an eye-like point of the player to move."""
        cells = self.cells
        colour = self.to_move
        for nb in (pos - 1, pos + 1, pos - STRIDE, pos + STRIDE):
            c = cells[nb]
            if c != colour and c != EDGE:
                return False
        enemies = 0
        edges = 0
        for d in (pos - STRIDE - 1, pos - STRIDE + 1, pos + STRIDE - 1, pos + STRIDE + 1):
            c = cells[d]
            if c == EDGE:
                edges = 1
            elif c != colour and c != EMPTY:
                enemies += 1
        return enemies + edges < 2

    def play(self, pos):
        """Plays a legal move at pos (or a pass if pos is -1)."""
        colour = self.to_move
        other = 3 - colour
        self.to_move = other
        if pos < 0:
            self.passes += 1
            self.ko = -1
            return
        self.passes = 0
        cells = self.cells
        cells[pos] = colour
        self._remove_empty(pos)
        taken = 0
        last_taken = -1
        for nb in (pos - 1, pos + 1, pos - STRIDE, pos + STRIDE):
            if cells[nb] == other and not self.has_liberty(nb):
                stones = self.group(nb)[0]
                for s in stones:
                    cells[s] = EMPTY
                    self._add_empty(s)
                taken += len(stones)
                last_taken = stones[0]
        self.captures[colour] += taken
        self.ko = -1
        if taken == 1:
            stones, liberties = self.group(pos)
            if len(stones) == 1 and liberties == 1:
                self.ko = last_taken

    def candidate_moves(self):
        moves = []
        for pos in self.empties:
            if self.is_legal(pos) and not self.is_own_eye(pos):
                moves.append(pos)
        moves.sort()
        return moves

    def random_move(self, rng):
        """A random legal move that does not fill an own eye, or -1."""
        empties = self.empties
        n = len(empties)
        if n == 0:
            return -1
        start = rng.below(n)
        for k in range(n):
            pos = empties[(start + k) % n]
            if self.is_legal(pos) and not self.is_own_eye(pos):
                return pos
        return -1

    def score(self):
        """Area score: black points minus white points."""
        cells = self.cells
        black = 0
        white = 0
        for row in range(1, BOARD + 1):
            for col in range(1, BOARD + 1):
                pos = row * STRIDE + col
                c = cells[pos]
                if c == BLACK:
                    black += 1
                elif c == WHITE:
                    white += 1
                else:
                    seen = 0
                    for nb in (pos - 1, pos + 1, pos - STRIDE, pos + STRIDE):
                        seen |= 1 << cells[nb]
                    seen &= 6
                    if seen == 2:
                        black += 1
                    elif seen == 4:
                        white += 1
        return black - white


def playout(board, rng):
    """Plays random moves to the end; returns the winner."""
    limit = BOARD * BOARD * 3
    while board.passes < 2 and limit > 0:
        board.play(board.random_move(rng))
        limit -= 1
    if board.score() > KOMI:
        return BLACK
    return WHITE


class Node:
    def __init__(self, move, mover, board):
        self.move = move
        self.mover = mover            # the player who played move
        self.wins = 0
        self.visits = 0
        self.children = []
        self.untried = board.candidate_moves()

    def best_child(self):
        log_visits = math.log(self.visits)
        best = None
        best_value = -1.0
        for child in self.children:
            value = (child.wins / child.visits
                     + 1.2 * math.sqrt(log_visits / child.visits))
            if value > best_value:
                best_value = value
                best = child
        return best

    def most_visited(self):
        best = None
        for child in self.children:
            if best is None or child.visits > best.visits:
                best = child
        return best


def uct_search(root_board, playouts, rng):
    root = Node(-1, 3 - root_board.to_move, root_board)
    black_wins = 0
    for _ in range(playouts):
        board = root_board.copy()
        node = root
        path = [root]
        while True:
            if node.untried:
                untried = node.untried
                k = rng.below(len(untried))
                move = untried[k]
                untried[k] = untried[-1]
                untried.pop()
                board.play(move)
                child = Node(move, 3 - board.to_move, board)
                node.children.append(child)
                path.append(child)
                break
            if not node.children:
                break
            node = node.best_child()
            board.play(node.move)
            path.append(node)
        winner = playout(board, rng)
        if winner == BLACK:
            black_wins += 1
        for n in path:
            n.visits += 1
            if n.mover == winner:
                n.wins += 1
    best = root.most_visited()
    if best is None:
        return -1, black_wins, 0
    return best.move, black_wins, best.visits


def name_of(pos):
    if pos < 0:
        return "pass"
    row = pos // STRIDE
    col = pos % STRIDE
    return "ABCDEFG"[col - 1] + str(BOARD + 1 - row)


def bench(size):
    rng = Rng(2024)
    board = Board()
    moves = []
    total_black_wins = 0
    checksum = 0
    for _ in range(MOVES):
        move, black_wins, visits = uct_search(board, size, rng)
        board.play(move)
        moves.append(name_of(move))
        total_black_wins += black_wins
        checksum = (checksum * 1009 + (move + 1) * 7919 + black_wins * 31 + visits) % 1000000007
    lines = ["board: %dx%d, %d moves, %d playouts each" % (BOARD, BOARD, MOVES, size),
             "moves: %s" % " ".join(moves),
             "black wins in playouts: %d" % total_black_wins]
    return lines, checksum


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 110
    first = None
    for i in range(1, iterations + 1):
        start = time.perf_counter()
        result = bench(size)
        print("iteration %d: %r" % (i, time.perf_counter() - start), flush=True)
        if first is None:
            first = result
        elif result != first:
            sys.exit("iteration %d: result %r differs from the first %r" % (i, result, first))
    lines, checksum = first
    for line in lines:
        print(line)
    print("checksum: %s" % checksum)


if __name__ == "__main__":
    main()
