# corpus: not code in the seed (seed 003 explains the event loop in prose only):
# the loop runs one coroutine until it suspends, then resumes another.
import asyncio


async def server(name, requests):
    for n in range(1, requests + 1):
        print(f"{name}: istek {n} geldi, veri bekleniyor")
        await asyncio.sleep(0.5)  # kontrol olay döngüsüne döner
        print(f"{name}: istek {n} yanıtlandı")


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
loop.run_until_complete(asyncio.gather(server("A", 2), server("B", 1)))
loop.close()
print("olay döngüsü kapandı:", loop.is_closed())
