# Bağlam yöneticisini süsleyici (decorator) olarak kullanmak: her çağrı kendi with bloğunda çalışır.
import asyncio
from contextlib import asynccontextmanager, contextmanager


@contextmanager
def muayene_kaydı(doktor):
    print(f"{doktor}: muayene başladı")
    try:
        yield
    except ValueError as e:
        print(f"{doktor}: hata yutuldu ({e})")
    finally:
        print(f"{doktor}: muayene bitti")


@muayene_kaydı("Dr. Ayşe")
def muayene(hasta):
    print("  muayene ediliyor:", hasta)
    if hasta == "Can":
        raise ValueError("ateş çok yüksek")
    return f"{hasta} iyi"


print(muayene("Ali"))
print(muayene("Can"))


@asynccontextmanager
async def nöbet(ad):
    print(f"{ad} nöbete geldi")
    yield
    await asyncio.sleep(0.1)
    print(f"{ad} nöbetten çıktı")


@nöbet("Dr. Mehmet")
async def acil(hasta):
    await asyncio.sleep(0.2)
    print("  acil hasta:", hasta)
    return hasta.upper()


async def main():
    print(await asyncio.gather(acil("Ece"), acil("Deniz")))


asyncio.run(main())
