import asyncio
import time
from collections import deque

# Tarayıcının mikro görev kuyruğu: bir kontrol noktası, kuyruk boşalana
# kadar çalışır; sırada bu arada eklenenler de vardır. Arada ne zamanlayıcı
# ne de çizim çalışır.
microtasks = deque()


def run_microtask_checkpoint():
    while microtasks:
        microtasks.popleft()()


async def heartbeat(stop):
    longest, last, beats = 0.0, time.monotonic(), 0
    while not stop.is_set():
        now = time.monotonic()
        longest, last = max(longest, now - last), now
        beats += 1
        print(f"tık {beats}")
        await asyncio.sleep(0.2)
    return longest


def ping(rally):
    microtasks.append(lambda: pong(rally))


def pong(rally):
    rally["exchanges"] += 1
    if time.monotonic() < rally["until"]:  # güvenlik için bir son tarih
        microtasks.append(lambda: ping(rally))


async def main():
    print("Ana program başlıyor")
    stop = asyncio.Event()
    beat = asyncio.create_task(heartbeat(stop))
    await asyncio.sleep(0.5)

    print("Ping-pong başlıyor: 1.0 sn")
    rally = {"exchanges": 0, "until": time.monotonic() + 1.0}
    microtasks.append(lambda: ping(rally))
    run_microtask_checkpoint()  # zincir bitene kadar döngü burada takılı kalır
    print(f"Ping-pong bitti: {rally['exchanges']} paslaşma")

    await asyncio.sleep(0.5)
    stop.set()
    longest = await beat
    print(f"en uzun kalp atışı arası: {longest:.2f} sn")
    print("Ana program tamamlandı")


asyncio.run(main())
