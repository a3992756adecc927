class Node:
    def __init__(self, nxt):
        self.nxt = nxt
    def depth(self):
        return 1 + self.nxt.depth()
Node(Node(Node(None))).depth()
