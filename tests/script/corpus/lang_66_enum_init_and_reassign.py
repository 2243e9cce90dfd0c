# An enum whose __init__ takes each member's value (a tuple as its arguments), as the docs'
# Planet example, and members that cannot be reassigned.
from enum import Enum, auto
class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def surface_gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)
print(Planet.EARTH.value, Planet.EARTH.mass, round(Planet.EARTH.surface_gravity, 3))
class Status(Enum):
    WAITING = auto()
    DONE = auto()
    def __init__(self, v):
        print("init", v)
try:
    Status.DONE = 5
except AttributeError as e:
    print("AttributeError", e)
print(Status.DONE, list(Status))
Status.extra = 1
print(Status.extra)
