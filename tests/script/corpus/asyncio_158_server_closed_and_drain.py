# A server ended by close() ends its serve_forever with CancelledError; a forgotten await of
# writer.drain() is warned about under CPython's name; debug mode's threshold is the loop's
# slow_callback_duration; a task's get_loop(); a defaultdict's default_factory changed
import asyncio
import time
from collections import defaultdict

async def istemci_isleyici(okuyucu, yazici):
    satir = await okuyucu.readline()
    yazici.write(satir.upper())
    yazici.drain()  # yanlış: await unutuldu
    await asyncio.sleep(0)
    yazici.close()

async def main():
    sunucu = await asyncio.start_server(istemci_isleyici, "127.0.0.1", 8765)
    print("dinliyor:", len(sunucu.sockets))
    asyncio.get_running_loop().call_later(0.3, sunucu.close)
    gorev = asyncio.create_task(sunucu.serve_forever())
    print(gorev.get_loop() is asyncio.get_running_loop())
    okuyucu, yazici = await asyncio.open_connection("127.0.0.1", 8765)
    yazici.write(b"merhaba\n")
    await yazici.drain()
    print("yanıt:", await okuyucu.readline())
    try:
        await gorev
    except asyncio.CancelledError:
        print("serve_forever bitti, dinliyor mu:", sunucu.is_serving(), len(sunucu.sockets))

asyncio.run(main())

async def hata_ayikla():
    dongu = asyncio.get_running_loop()
    print("eşik:", dongu.slow_callback_duration, dongu.get_debug())
    dongu.slow_callback_duration = 0.05
    print("yeni eşik:", dongu.slow_callback_duration)

asyncio.run(hata_ayikla(), debug=True)

sayac = defaultdict(int)
sayac["a"] += 1
sayac.default_factory = list
sayac["b"].append(2)
sayac.default_factory = None
print(sayac)
try:
    sayac["c"]
except KeyError as e:
    print("KeyError:", e)
