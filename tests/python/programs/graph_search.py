# Shortest paths on a weighted grid graph with Dijkstra (heapq, defaultdict), a BFS
# (deque) for hop counts, and the route's summary with Counter and namedtuple.
from collections import defaultdict, deque, namedtuple, Counter
import heapq
import bisect

Edge = namedtuple('Edge', 'to weight')

WIDTH, HEIGHT = 12, 9
walls = {(3, y) for y in range(1, 8)} | {(8, y) for y in range(0, 6)} | {(5, 4), (6, 4)}


def weight(x, y):
    return 1 + (x * 7 + y * 13) % 5


graph = defaultdict(list)
for x in range(WIDTH):
    for y in range(HEIGHT):
        if (x, y) in walls:
            continue
        for dx, dy in ((1, 0), (0, 1), (-1, 0), (0, -1)):
            nx, ny = x + dx, y + dy
            if 0 <= nx < WIDTH and 0 <= ny < HEIGHT and (nx, ny) not in walls:
                graph[(x, y)].append(Edge((nx, ny), weight(nx, ny)))


def dijkstra(source):
    dist = {source: 0}
    previous = {}
    queue = [(0, source)]
    settled = 0
    while queue:
        d, node = heapq.heappop(queue)
        if d > dist[node]:
            continue
        settled += 1
        for edge in graph[node]:
            nd = d + edge.weight
            if nd < dist.get(edge.to, float('inf')):
                dist[edge.to] = nd
                previous[edge.to] = node
                heapq.heappush(queue, (nd, edge.to))
    return dist, previous, settled


def bfs(source):
    hops = {source: 0}
    queue = deque([source])
    order = []
    while queue:
        node = queue.popleft()
        order.append(node)
        for edge in graph[node]:
            if edge.to not in hops:
                hops[edge.to] = hops[node] + 1
                queue.append(edge.to)
    return hops, order


start, goal = (0, 0), (11, 0)
dist, previous, settled = dijkstra(start)
path = deque([goal])
while path[0] != start:
    path.appendleft(previous[path[0]])
print('distance', dist[goal], 'settled', settled, 'path length', len(path))
print('path', list(path))
hops, order = bfs(start)
print('hops', hops[goal], 'visited', len(order), 'first', order[:6], 'last', order[-3:])

# The grid with the path drawn.
on_path = set(path)
for y in range(HEIGHT):
    row = ''
    for x in range(WIDTH):
        row += '#' if (x, y) in walls else '*' if (x, y) in on_path else '.'
    print(row)

# Weights along the path, the farthest cells, and distance percentiles.
steps = Counter(weight(x, y) for x, y in list(path)[1:])
print('step weights', steps, steps.most_common(1), steps.total())
farthest = heapq.nlargest(3, dist.items(), key=lambda item: item[1])
print('farthest', farthest)
ranked = sorted(dist.values())
for limit in (5, 10, 20, 40):
    print('within', limit, bisect.bisect_right(ranked, limit))
by_distance = defaultdict(list)
for node, d in dist.items():
    by_distance[d // 10].append(node)
print({band: len(nodes) for band, nodes in sorted(by_distance.items())})
print(list(heapq.merge(ranked[:5], [h for h in sorted(hops.values())][:5], reverse=False)))
