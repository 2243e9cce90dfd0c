# An object's __dict__ (and vars(obj)) is where its attributes live: writing there sets them,
# as the tutorials' `self.__dict__.update(kwargs)` does.
import asyncio


class Ayarlar:
    varsayilan_dil = "tr"

    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)

    def __repr__(self):
        ozellikler = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({ozellikler})"


a = Ayarlar(tema="koyu", boyut=12)
print(a, a.tema)
d = vars(a)
a.yeni = True
print(d, d is a.__dict__)
d["boyut"] = 14
del d["tema"]
print(a.boyut, hasattr(a, "tema"), a)
a.varsayilan_dil = "en"
print(a.__dict__, Ayarlar.varsayilan_dil)
a.__dict__.clear()
print(a, a.varsayilan_dil)
c = Ayarlar()
c.__dict__ = {"z": 9}
print(c, c.z)
try:
    c.__dict__ = [1, 2]
except TypeError as e:
    print("TypeError:", e)
for anahtar in list(vars(c)):
    setattr(c, anahtar, getattr(c, anahtar) * 2)
print(c)


class Bilet:
    """Wraps a future: its __await__ is the future's own."""

    def __init__(self, fut):
        self.fut = fut

    def __await__(self):
        return self.fut.__await__()


async def main():
    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_later(0.1, fut.set_result, "hazır")
    print(hasattr(fut, "__await__"), await Bilet(fut))


asyncio.run(main())
