# jitgen-bench: smoke-size=300
# richards: Martin Richards' simulation of an operating system kernel: a scheduler
# runs an idle task, a worker, two packet handlers and two devices that pass work
# packets around; each task kind is a subclass whose run method the scheduler calls.
# SIZE is the idle task's count (how many times it runs before the system stops).
import sys
import time

IDLE = 0
WORKER = 1
HANDLER_A = 2
HANDLER_B = 3
DEVICE_A = 4
DEVICE_B = 5
TASK_COUNT = 6

KIND_DEVICE = 0
KIND_WORK = 1

PACKET_DATA_SIZE = 4

# Task control block states: bit 0 = has a packet waiting, bit 1 = suspended,
# bit 2 = held.
RUNNING = 0
RUNNABLE = 1
SUSPENDED = 2
SUSPENDED_RUNNABLE = 3
HELD = 4


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.a1 = 0
        self.a2 = [0, 0, 0, 0]

    def append_to(self, queue):
        # Put this packet at the end of the queue; answer the queue's new head.
        self.link = None
        if queue is None:
            return self
        last = queue
        while last.link is not None:
            last = last.link
        last.link = self
        return queue


class ControlBlock:
    def __init__(self, link, ident, priority, queue, task):
        self.link = link
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.task = task
        if queue is None:
            self.state = SUSPENDED
        else:
            self.state = SUSPENDED_RUNNABLE

    def held_or_suspended(self):
        return (self.state & HELD) != 0 or self.state == SUSPENDED

    def run(self):
        packet = None
        if self.state == SUSPENDED_RUNNABLE:
            packet = self.queue
            self.queue = packet.link
            if self.queue is None:
                self.state = RUNNING
            else:
                self.state = RUNNABLE
        return self.task.run(packet)

    def enqueue(self, current, packet):
        # Add a packet for this task; answer the block that should run next.
        if self.queue is None:
            self.queue = packet
            self.state = self.state | RUNNABLE
            if self.priority > current.priority:
                return self
        else:
            self.queue = packet.append_to(self.queue)
        return current


class Task:
    def __init__(self, scheduler):
        self.scheduler = scheduler

    def run(self, packet):
        raise RuntimeError("Task.run is abstract")


class IdleTask(Task):
    def __init__(self, scheduler, seed, count):
        super().__init__(scheduler)
        self.seed = seed
        self.count = count

    def run(self, packet):
        self.count = self.count - 1
        if self.count == 0:
            return self.scheduler.hold_current()
        if (self.seed & 1) == 0:
            self.seed = self.seed >> 1
            return self.scheduler.release(DEVICE_A)
        self.seed = (self.seed >> 1) ^ 53256
        return self.scheduler.release(DEVICE_B)


class DeviceTask(Task):
    def __init__(self, scheduler):
        super().__init__(scheduler)
        self.pending = None

    def run(self, packet):
        if packet is None:
            if self.pending is None:
                return self.scheduler.suspend_current()
            done = self.pending
            self.pending = None
            return self.scheduler.send(done)
        self.pending = packet
        return self.scheduler.hold_current()


class WorkerTask(Task):
    def __init__(self, scheduler, destination, value):
        super().__init__(scheduler)
        self.destination = destination
        self.value = value

    def run(self, packet):
        if packet is None:
            return self.scheduler.suspend_current()
        if self.destination == HANDLER_A:
            self.destination = HANDLER_B
        else:
            self.destination = HANDLER_A
        packet.ident = self.destination
        packet.a1 = 0
        i = 0
        while i < PACKET_DATA_SIZE:
            self.value = self.value + 1
            if self.value > 26:
                self.value = 1
            packet.a2[i] = self.value
            i = i + 1
        return self.scheduler.send(packet)


class HandlerTask(Task):
    def __init__(self, scheduler):
        super().__init__(scheduler)
        self.work = None
        self.devices = None

    def run(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work = packet.append_to(self.work)
            else:
                self.devices = packet.append_to(self.devices)
        if self.work is not None:
            work = self.work
            n = work.a1
            if n < PACKET_DATA_SIZE:
                if self.devices is not None:
                    device = self.devices
                    self.devices = device.link
                    device.a1 = work.a2[n]
                    work.a1 = n + 1
                    return self.scheduler.send(device)
            else:
                self.work = work.link
                return self.scheduler.send(work)
        return self.scheduler.suspend_current()


class Scheduler:
    def __init__(self):
        self.blocks = [None, None, None, None, None, None]
        self.list = None
        self.current = None
        self.current_ident = 0
        self.queue_count = 0
        self.hold_count = 0

    def add(self, ident, priority, queue, task):
        block = ControlBlock(self.list, ident, priority, queue, task)
        self.list = block
        self.blocks[ident] = block
        self.current = block
        return block

    def schedule(self):
        self.current = self.list
        while self.current is not None:
            if self.current.held_or_suspended():
                self.current = self.current.link
            else:
                self.current_ident = self.current.ident
                self.current = self.current.run()

    def release(self, ident):
        block = self.blocks[ident]
        block.state = block.state & ~HELD
        if block.priority > self.current.priority:
            return block
        return self.current

    def hold_current(self):
        self.hold_count = self.hold_count + 1
        self.current.state = self.current.state | HELD
        return self.current.link

    def suspend_current(self):
        self.current.state = self.current.state | SUSPENDED
        return self.current

    def send(self, packet):
        target = self.blocks[packet.ident]
        self.queue_count = self.queue_count + 1
        packet.link = None
        packet.ident = self.current_ident
        return target.enqueue(self.current, packet)


def run(size):
    s = Scheduler()
    idle = s.add(IDLE, 0, None, IdleTask(s, 1, size))
    idle.state = RUNNING

    queue = Packet(None, WORKER, KIND_WORK)
    queue = Packet(queue, WORKER, KIND_WORK)
    s.add(WORKER, 1000, queue, WorkerTask(s, HANDLER_A, 0))

    queue = Packet(None, DEVICE_A, KIND_DEVICE)
    queue = Packet(queue, DEVICE_A, KIND_DEVICE)
    queue = Packet(queue, DEVICE_A, KIND_DEVICE)
    s.add(HANDLER_A, 2000, queue, HandlerTask(s))

    queue = Packet(None, DEVICE_B, KIND_DEVICE)
    queue = Packet(queue, DEVICE_B, KIND_DEVICE)
    queue = Packet(queue, DEVICE_B, KIND_DEVICE)
    s.add(HANDLER_B, 3000, queue, HandlerTask(s))

    s.add(DEVICE_A, 4000, None, DeviceTask(s))
    s.add(DEVICE_B, 5000, None, DeviceTask(s))

    s.schedule()

    lines = []
    lines.append("idle count: " + str(size))
    lines.append("queue count: " + str(s.queue_count))
    lines.append("hold count: " + str(s.hold_count))
    checksum = (s.queue_count * 65599 + s.hold_count) % 1000000007
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
    size = 14000
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
