import asyncio
import time


async def heartbeat(stop):
    longest, last, beats = 0.0, time.monotonic(), 0
    while not stop.is_set():
        now = time.monotonic()
        longest, last = max(longest, now - last), now
        beats += 1
        print(f"tık {beats}")
        await asyncio.sleep(0.2)
    return longest


async def ping(to_pong, from_pong, until):
    exchanges = 0
    while time.monotonic() < until:
        await to_pong.put("top")
        await from_pong.get()  # pong topu geri atana kadar bekle
        exchanges += 1
    await to_pong.put(None)  # oyun bitti
    return exchanges


async def pong(to_ping, from_ping):
    while await from_ping.get() is not None:
        await to_ping.put("top")


async def main():
    print("Ana program başlıyor")
    stop = asyncio.Event()
    beat = asyncio.create_task(heartbeat(stop))
    await asyncio.sleep(0.5)

    print("Ping-pong başlıyor: 1.0 sn")
    to_pong, to_ping = asyncio.Queue(), asyncio.Queue()
    asyncio.create_task(pong(to_ping, to_pong))
    # Görevler birbirini hiç durmadan uyandırır; yine de döngü her turda
    # zamanlayıcılara bakar, heartbeat tıklamaya devam eder.
    ping_task = asyncio.create_task(ping(to_pong, to_ping, time.monotonic() + 1.0))
    exchanges = await ping_task
    print(f"Ping-pong bitti: {exchanges} paslaşma")

    await asyncio.sleep(0.5)
    stop.set()
    longest = await beat
    print(f"en uzun kalp atışı arası: {longest:.2f} sn")
    print("Ana program tamamlandı")


asyncio.run(main())
