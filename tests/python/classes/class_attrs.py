class Counter:
    instances = 0
    def __init__(self):
        Counter.instances += 1
        self.id = Counter.instances
a = Counter(); b = Counter(); c = Counter()
print(Counter.instances, a.id, b.id, c.id, a.instances)
a.instances = 100
print(a.instances, Counter.instances, b.instances)
class Config:
    DEBUG = False
    LEVELS = ["low", "high"]
print(Config.DEBUG, Config.LEVELS[1])
