queue = []
log = []
for t in range(10):
    if t % 3 == 0:
        queue.append(f"job{t}")
    if t % 2 == 1 and queue:
        log.append((t, queue.pop(0)))
print(log, queue)
