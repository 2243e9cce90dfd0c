# contextlib's ExitStack and AsyncExitStack: several resources opened in a loop and closed last
# first as the block ends, callbacks among them; an exit that swallows the error, one that raises.
import asyncio
from contextlib import AsyncExitStack, ExitStack, asynccontextmanager, contextmanager

@asynccontextmanager
async def baglanti(ad):
    print("açılıyor", ad)
    await asyncio.sleep(0.05)
    try:
        yield ad.upper()
    finally:
        print("kapanıyor", ad)

@contextmanager
def dosya(ad):
    print("aç", ad)
    yield ad
    print("kapat", ad)

async def temizle(ad):
    await asyncio.sleep(0.05)
    print("temizlendi", ad)

async def main():
    async with AsyncExitStack() as stack:
        conns = [await stack.enter_async_context(baglanti(a)) for a in ["db", "cache", "kuyruk"]]
        stack.push_async_callback(temizle, "geçici")
        stack.callback(print, "senkron geri çağrı", 1)
        f = stack.enter_context(dosya("log.txt"))
        print("kullanılıyor", conns, f)
    print("---")
    try:
        async with AsyncExitStack() as stack:
            await stack.enter_async_context(baglanti("a"))
            raise ValueError("hata!")
    except ValueError as e:
        print("yakalandı", e)
    with ExitStack() as s:
        for i in range(3):
            s.enter_context(dosya(f"d{i}"))
        s.callback(print, "bitti")
    stack = AsyncExitStack()
    await stack.enter_async_context(baglanti("x"))
    await stack.aclose()
    print("son")

asyncio.run(main())
from contextlib import suppress

@contextmanager
def patlayan():
    try:
        yield
    finally:
        raise RuntimeError("çıkışta patladı")

with ExitStack() as s:
    s.enter_context(suppress(KeyError))
    {}["yok"]
print("bastırıldı")
try:
    with ExitStack() as s:
        s.enter_context(patlayan())
        1 / 0
except RuntimeError as e:
    print(repr(e), repr(e.__context__))
async def main():
    async with AsyncExitStack() as st:
        st.enter_context(suppress(ZeroDivisionError))
        1 / 0
    print("async bastırıldı")
    async with AsyncExitStack() as st:
        st.enter_context(patlayan())
        st.callback(print, "önce bu")
asyncio.run(main())
