import asyncio

async def hasta(numara, sure):
    print(f"hasta {numara} içeri girdi")
    await asyncio.sleep(sure)
    print(f"hasta {numara} çıktı ({sure} s)")
    return sure

async def main():
    sureler = await asyncio.gather(hasta(1, 0.2), hasta(2, 0.1))
    toplam = sum(sureler)
    print("toplam süre:", toplm)

asyncio.run(main())
