# A failed assert: CPython 3.11 marks the last comparison of its test, even when another
# part of the test is what failed (here `hazir()`).
import asyncio


async def hazir():
    await asyncio.sleep(0.1)
    return False


async def main():
    hastalar = ["Ali", "Ayşe"]
    durum = await hazir()
    assert len(hastalar) > 0 and durum, f"doktor hazır değil ({len(hastalar)} hasta bekliyor)"


asyncio.run(main())
