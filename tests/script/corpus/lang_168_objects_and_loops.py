# Classes around asyncio: a singleton whose __new__ passes its arguments on (CPython's
# TypeError), a decorated coroutine "defined at" its first decorator's line, a StopIteration
# leaving a contextmanager's block as itself, and a task made for a loop that never runs.
import asyncio
from contextlib import contextmanager


class Ayarlar:
    _tek = None

    def __new__(cls, *args):
        if cls._tek is None:
            cls._tek = super().__new__(cls, *args)
        return cls._tek

    def __init__(self, ad):
        self.ad = ad


class Servis:
    @staticmethod
    async def kontrol():
        await asyncio.sleep(0.1)
        return "tamam"


@contextmanager
def oturum():
    print("oturum açıldı")
    yield
    print("oturum kapandı")


async def arka_plan():
    print("arka plan çalıştı")


async def main():
    try:
        Ayarlar("varsayılan")
    except TypeError as e:
        print("TypeError:", e)
    gorev = asyncio.create_task(Servis.kontrol())
    await gorev
    print(gorev)
    try:
        with oturum():
            next(iter([]))
    except StopIteration as e:
        print("StopIteration geçti:", repr(e))


baska = asyncio.new_event_loop().create_task(arka_plan())
asyncio.run(main())
print("başka döngünün görevi bitti mi?", baska.done())
