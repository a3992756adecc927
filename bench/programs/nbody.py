# jitgen-bench: smoke-size=1000
# N-body: five bodies (the Sun and the four gas giants) under Newtonian gravity,
# symplectic Euler steps; SIZE = number of steps. Twin: nbody.toy.
import math
import sys
import time

PI = 3.141592653589793
SOLAR_MASS = 4.0 * PI * PI
DAYS_PER_YEAR = 365.24


class Body:
    def __init__(self, x, y, z, vx, vy, vz, mass):
        self.x = x
        self.y = y
        self.z = z
        self.vx = vx * DAYS_PER_YEAR
        self.vy = vy * DAYS_PER_YEAR
        self.vz = vz * DAYS_PER_YEAR
        self.mass = mass * SOLAR_MASS


def make_system():
    bodies = []
    # the Sun
    bodies.append(Body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0))
    # Jupiter
    bodies.append(Body(4.84143144246472090e+00, -1.16032004402742839e+00,
                       -1.03622044471123109e-01, 1.66007664274403694e-03,
                       7.69901118419740425e-03, -6.90460016972063023e-05,
                       9.54791938424326609e-04))
    # Saturn
    bodies.append(Body(8.34336671824457987e+00, 4.12479856412430479e+00,
                       -4.03523417114321381e-01, -2.76742510726862411e-03,
                       4.99852801234917238e-03, 2.30417297573763929e-05,
                       2.85885980666130812e-04))
    # Uranus
    bodies.append(Body(1.28943695621391310e+01, -1.51111514016986312e+01,
                       -2.23307578892655734e-01, 2.96460137564761618e-03,
                       2.37847173959480950e-03, -2.96589568540237556e-05,
                       4.36624404335156298e-05))
    # Neptune
    bodies.append(Body(1.53796971148509165e+01, -2.59193146099879641e+01,
                       1.79258772950371181e-01, 2.68067772490389322e-03,
                       1.62824170038242295e-03, -9.51592254519715870e-05,
                       5.15138902046611451e-05))
    return bodies


def offset_momentum(bodies):
    px = 0.0
    py = 0.0
    pz = 0.0
    i = 0
    while i < len(bodies):
        b = bodies[i]
        px = px + b.vx * b.mass
        py = py + b.vy * b.mass
        pz = pz + b.vz * b.mass
        i = i + 1
    sun = bodies[0]
    sun.vx = 0.0 - px / SOLAR_MASS
    sun.vy = 0.0 - py / SOLAR_MASS
    sun.vz = 0.0 - pz / SOLAR_MASS


def energy(bodies):
    e = 0.0
    n = len(bodies)
    i = 0
    while i < n:
        b = bodies[i]
        e = e + 0.5 * b.mass * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz)
        j = i + 1
        while j < n:
            o = bodies[j]
            dx = b.x - o.x
            dy = b.y - o.y
            dz = b.z - o.z
            e = e - b.mass * o.mass / math.sqrt(dx * dx + dy * dy + dz * dz)
            j = j + 1
        i = i + 1
    return e


def advance(bodies, dt):
    n = len(bodies)
    i = 0
    while i < n:
        b = bodies[i]
        j = i + 1
        while j < n:
            o = bodies[j]
            dx = b.x - o.x
            dy = b.y - o.y
            dz = b.z - o.z
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * math.sqrt(d2))
            bm = b.mass * mag
            om = o.mass * mag
            b.vx = b.vx - dx * om
            b.vy = b.vy - dy * om
            b.vz = b.vz - dz * om
            o.vx = o.vx + dx * bm
            o.vy = o.vy + dy * bm
            o.vz = o.vz + dz * bm
            j = j + 1
        i = i + 1
    i = 0
    while i < n:
        b = bodies[i]
        b.x = b.x + dt * b.vx
        b.y = b.y + dt * b.vy
        b.z = b.z + dt * b.vz
        i = i + 1


def run(steps):
    bodies = make_system()
    offset_momentum(bodies)
    e0 = energy(bodies)
    k = 0
    while k < steps:
        advance(bodies, 0.01)
        k = k + 1
    e1 = energy(bodies)
    res = []
    res.append("energy before: " + str(e0))
    res.append("energy after: " + str(e1))
    jup = bodies[1]
    res.append("jupiter: " + str(jup.x) + " " + str(jup.y) + " " + str(jup.z))
    res.append("checksum: " + str(e0 - e1))
    return res


def main():
    iterations = 10
    size = 13000
    if len(sys.argv) > 1:
        iterations = int(sys.argv[1])
    if len(sys.argv) > 2:
        size = int(sys.argv[2])
    first = None
    it = 1
    while it <= iterations:
        t0 = time.perf_counter()
        res = run(size)
        t1 = time.perf_counter()
        print("iteration " + str(it) + ": " + str(t1 - t0))
        sys.stdout.flush()
        if first is None:
            first = res
        elif res[len(res) - 1] != first[len(first) - 1]:
            sys.stderr.write("checksum mismatch in iteration " + str(it) + "\n")
            sys.exit(1)
        it = it + 1
    i = 0
    while i < len(first):
        print(first[i])
        i = i + 1


main()
