# Ctrl+C taklidi: bir görev KeyboardInterrupt verince döngü hemen çıkar; aynı turda sırası gelen
# öteki görevlerin adımı atılmaz, asyncio.run onları iptal eder.
import asyncio


async def kullanici():
    await asyncio.sleep(0.3)
    print("Ctrl+C basıldı (taklit)")
    raise KeyboardInterrupt


async def yazici():
    try:
        await asyncio.sleep(0.3)
        print("bu satır yazılmamalı")
    except asyncio.CancelledError:
        print("yazıcı iptal edildi")
        raise


async def sayac():
    try:
        for i in range(10):
            print("sayaç", i)
            await asyncio.sleep(0.1)
    finally:
        print("sayaç temizlendi")


async def main():
    asyncio.create_task(kullanici())
    asyncio.create_task(yazici())
    try:
        await sayac()
    finally:
        print("main finally")


try:
    asyncio.run(main())
except KeyboardInterrupt:
    print("güle güle!")
