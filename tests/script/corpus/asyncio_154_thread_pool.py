# Varsayılan iş parçacığı havuzu: en çok 6 iş parçacığı; fazlası sırada bekler.
import asyncio
import logging
import time

logging.basicConfig(level=logging.INFO, format="%(message)s")


def rapor_hazirla(no):
    logging.info("rapor %d başladı", no)
    time.sleep(0.5)  # engelleyici iş: bir iş parçacığını tutar
    return f"rapor {no}"


async def main():
    t0 = time.monotonic()
    raporlar = await asyncio.gather(*(asyncio.to_thread(rapor_hazirla, n) for n in range(1, 9)))
    print(raporlar)
    print("süre:", round(time.monotonic() - t0, 1), "s")
    loop = asyncio.get_running_loop()
    son = await loop.run_in_executor(None, rapor_hazirla, 9)
    print(son, round(time.monotonic() - t0, 1))


asyncio.run(main())
