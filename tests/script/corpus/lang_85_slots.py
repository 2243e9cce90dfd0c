# __slots__: an instance takes only the attributes its classes list (all of them listing
# theirs); a class without __slots__ below them, or one listing __dict__, takes any.
class Nokta:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y


class Nokta3(Nokta):
    __slots__ = "z"


class Serbest(Nokta):
    pass


class Hata(Exception):
    __slots__ = ()


p = Nokta(1, 2)
for obj, name in [(p, "z"), (Nokta3(1, 2), "z"), (Nokta3(1, 2), "w"), (Serbest(1, 2), "w"), (Hata(), "kod")]:
    try:
        setattr(obj, name, 3)
        print("set", type(obj).__name__, name, getattr(obj, name))
    except AttributeError as e:
        print("AttributeError:", e)
p.x = 10
print(p.x, p.y)
p.renk = "kırmızı"
