# What every class gets from object: its comparisons, __new__, __setattr__ and repr.
class Hasta:
    def __init__(self, ad):
        object.__setattr__(self, "ad", ad)

    def __eq__(self, other):
        print("eşitlik soruldu")
        return super().__eq__(other)

class Bos:
    pass

h = Hasta("Ayşe")
print(h == h, h == Hasta("Ayşe"), h != 5)
print(Bos.__eq__ is object.__eq__, hasattr(Bos, "__lt__"), Bos.__lt__(Bos(), Bos()))
print(Bos.__init__, Hasta.__new__(Hasta).__class__.__name__)
print(object.__getattribute__(h, "ad"), format(Bos(), "")[:14])
print(repr(object())[:14])
try:
    format(Bos(), ">10")
except TypeError as e:
    print("TypeError:", e)
