# Monte Carlo with a seeded generator: pi, a random walk, a card game, bootstrap.
import random

rng = random.Random(31337)

inside = 0
trials = 20000
for _ in range(trials):
    x, y = rng.random(), rng.random()
    if x * x + y * y <= 1.0:
        inside += 1
print("pi ~", 4 * inside / trials)

position, farthest = 0, 0
for step in range(5000):
    position += rng.choice((-1, 1))
    farthest = max(farthest, abs(position))
print("walk", position, farthest)


def deal(rng):
    deck = [(rank, suit) for rank in range(2, 15) for suit in "SHDC"]
    rng.shuffle(deck)
    return [sorted(deck[i * 5:(i + 1) * 5]) for i in range(4)]


pairs = 0
for _ in range(500):
    for hand in deal(rng):
        ranks = [r for r, _ in hand]
        if any(ranks.count(r) >= 2 for r in set(ranks)):
            pairs += 1
print("hands with a pair:", pairs, "of", 500 * 4)

data = [rng.gauss(50, 12) for _ in range(300)]
means = []
for _ in range(200):
    resample = rng.choices(data, k=len(data))
    means.append(sum(resample) / len(resample))
means.sort()
print("bootstrap 95%:", round(means[5], 4), round(means[194], 4))

queue, waits, clock = [], [], 0.0
for customer in range(1000):
    clock += rng.expovariate(1.0)
    start = max(clock, queue[-1] if queue else 0.0)
    done = start + rng.expovariate(1.25)
    queue.append(done)
    waits.append(start - clock)
print("mean wait", round(sum(waits) / len(waits), 6))
