# __slots__ ile tanımlı bir sınıfın nesnelerinin __dict__'i yoktur; döngünün create_task'ı
# argümanlarını CPython'unki gibi denetler.
import asyncio


class Hasta:
    __slots__ = ("ad", "yas")

    def __init__(self, ad, yas):
        self.ad = ad
        self.yas = yas


class Kayit:
    def __init__(self, no):
        self.no = no


h = Hasta("Ayşe", 34)
print(hasattr(h, "__dict__"), hasattr(Kayit(1), "__dict__"), Kayit(7).__dict__)
try:
    print(h.__dict__)
except AttributeError as e:
    print("AttributeError:", e)


async def muayene():
    return "tamam"


async def main():
    loop = asyncio.get_running_loop()
    gorev = loop.create_task(muayene(), name="muayene")
    print(await gorev, gorev.get_name())
    try:
        loop.create_task()
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
