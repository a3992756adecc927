# jitgen-bench: smoke-size=12
"""A small recursive ray tracer.

Exercises: small immutable vector objects (lots of allocation), method calls
through a class hierarchy (spheres and planes share an interface), float
arithmetic with math.sqrt, recursion for reflections, and shadow rays.
SIZE is the width and height of the rendered image in pixels; the checksum is
computed from the pixel colours quantized to 0..255.
"""

import math
import sys
import time


class Vec:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def add(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def sub(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def scale(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def mul(self, o):
        return Vec(self.x * o.x, self.y * o.y, self.z * o.z)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def cross(self, o):
        return Vec(self.y * o.z - self.z * o.y,
                   self.z * o.x - self.x * o.z,
                   self.x * o.y - self.y * o.x)

    def length(self):
        return math.sqrt(self.dot(self))

    def normalized(self):
        return self.scale(1.0 / self.length())

    def reflect(self, normal):
        return self.sub(normal.scale(2.0 * self.dot(normal)))


BLACK = Vec(0.0, 0.0, 0.0)
EPSILON = 1e-6


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction

    def at(self, t):
        return self.origin.add(self.direction.scale(t))


class Material:
    def __init__(self, colour, diffuse, specular, shininess, reflect, checker=None):
        self.colour = colour
        self.diffuse = diffuse
        self.specular = specular
        self.shininess = shininess     # a power of two: applied by squaring
        self.reflect = reflect
        self.checker = checker         # second colour of a checkerboard, or None

    def colour_at(self, point):
        if self.checker is None:
            return self.colour
        if (int(math.floor(point.x)) + int(math.floor(point.z))) % 2 == 0:
            return self.colour
        return self.checker


class Thing:
    def __init__(self, material):
        self.material = material

    def intersect(self, ray):
        raise NotImplementedError

    def normal_at(self, point):
        raise NotImplementedError


class Sphere(Thing):
    def __init__(self, centre, radius, material):
        Thing.__init__(self, material)
        self.centre = centre
        self.radius2 = radius * radius

    def intersect(self, ray):
        oc = ray.origin.sub(self.centre)
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius2
        disc = b * b - c
        if disc < 0.0:
            return -1.0
        root = math.sqrt(disc)
        t = -b - root
        if t > EPSILON:
            return t
        t = -b + root
        if t > EPSILON:
            return t
        return -1.0

    def normal_at(self, point):
        return point.sub(self.centre).normalized()


class Plane(Thing):
    def __init__(self, normal, offset, material):
        Thing.__init__(self, material)
        self.normal = normal.normalized()
        self.offset = offset

    def intersect(self, ray):
        denom = self.normal.dot(ray.direction)
        if -EPSILON < denom < EPSILON:
            return -1.0
        t = -(self.normal.dot(ray.origin) + self.offset) / denom
        if t > EPSILON:
            return t
        return -1.0

    def normal_at(self, point):
        return self.normal


class Light:
    def __init__(self, position, colour):
        self.position = position
        self.colour = colour


class Camera:
    def __init__(self, eye, look_at, up, fov_scale):
        self.eye = eye
        self.forward = look_at.sub(eye).normalized()
        self.right = self.forward.cross(up).normalized().scale(fov_scale)
        self.up = self.right.cross(self.forward).normalized().scale(fov_scale)

    def ray_for(self, px, py, width, height):
        sx = (px + 0.5) / width * 2.0 - 1.0
        sy = 1.0 - (py + 0.5) / height * 2.0
        d = self.forward.add(self.right.scale(sx)).add(self.up.scale(sy))
        return Ray(self.eye, d.normalized())


class Scene:
    def __init__(self):
        self.things = []
        self.lights = []
        self.ambient = Vec(0.08, 0.08, 0.1)
        self.background = Vec(0.1, 0.15, 0.3)
        self.max_depth = 4

    def closest(self, ray):
        best_t = -1.0
        best = None
        for thing in self.things:
            t = thing.intersect(ray)
            if t > 0.0 and (best is None or t < best_t):
                best_t = t
                best = thing
        return best, best_t

    def in_shadow(self, point, to_light, distance):
        ray = Ray(point, to_light)
        for thing in self.things:
            t = thing.intersect(ray)
            if 0.0 < t < distance:
                return True
        return False

    def trace(self, ray, depth):
        thing, t = self.closest(ray)
        if thing is None:
            return self.background
        point = ray.at(t)
        normal = thing.normal_at(point)
        if normal.dot(ray.direction) > 0.0:
            normal = normal.scale(-1.0)
        material = thing.material
        base = material.colour_at(point)
        colour = base.mul(self.ambient)
        lift = point.add(normal.scale(1e-4))
        reflected = ray.direction.reflect(normal)
        for light in self.lights:
            to_light = light.position.sub(point)
            distance = to_light.length()
            to_light = to_light.scale(1.0 / distance)
            lambert = normal.dot(to_light)
            if lambert <= 0.0 or self.in_shadow(lift, to_light, distance):
                continue
            colour = colour.add(base.mul(light.colour).scale(lambert * material.diffuse))
            spec = reflected.dot(to_light)
            if spec > 0.0:
                power = material.shininess
                while power > 1:
                    spec = spec * spec
                    power = power // 2
                colour = colour.add(light.colour.scale(spec * material.specular))
        if material.reflect > 0.0 and depth < self.max_depth:
            bounce = self.trace(Ray(lift, reflected), depth + 1)
            colour = colour.add(bounce.scale(material.reflect))
        return colour


def build_scene():
    scene = Scene()
    scene.things.append(Plane(Vec(0.0, 1.0, 0.0), 0.0,
                              Material(Vec(0.9, 0.9, 0.9), 0.8, 0.2, 8, 0.3,
                                       checker=Vec(0.15, 0.15, 0.15))))
    scene.things.append(Sphere(Vec(0.0, 1.0, 0.0), 1.0,
                               Material(Vec(0.9, 0.2, 0.2), 0.7, 0.6, 32, 0.25)))
    scene.things.append(Sphere(Vec(-2.2, 0.7, 1.0), 0.7,
                               Material(Vec(0.2, 0.8, 0.3), 0.8, 0.4, 16, 0.1)))
    scene.things.append(Sphere(Vec(1.9, 0.6, 1.4), 0.6,
                               Material(Vec(0.3, 0.4, 0.95), 0.6, 0.9, 64, 0.5)))
    scene.things.append(Sphere(Vec(0.6, 0.3, 2.2), 0.3,
                               Material(Vec(0.95, 0.85, 0.2), 0.9, 0.3, 8, 0.0)))
    scene.lights.append(Light(Vec(-4.0, 6.0, 5.0), Vec(0.8, 0.75, 0.7)))
    scene.lights.append(Light(Vec(5.0, 4.0, 3.0), Vec(0.3, 0.35, 0.45)))
    return scene


def quantize(c):
    if c <= 0.0:
        return 0
    if c >= 1.0:
        return 255
    return int(c * 255.0 + 0.5)


def render(size):
    scene = build_scene()
    camera = Camera(Vec(0.0, 2.2, 7.0), Vec(0.0, 0.8, 0.0), Vec(0.0, 1.0, 0.0), 0.55)
    checksum = 0
    brightness = 0
    for py in range(size):
        for px in range(size):
            colour = scene.trace(camera.ray_for(px, py, size, size), 0)
            r = quantize(colour.x)
            g = quantize(colour.y)
            b = quantize(colour.z)
            brightness += r + g + b
            checksum = (checksum * 31 + (r << 16) + (g << 8) + b) % 1000000007
    return brightness, checksum


def bench(size):
    brightness, checksum = render(size)
    lines = ["image: %dx%d" % (size, size),
             "total brightness: %d" % brightness]
    return lines, checksum


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 70
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
