import asyncio

# Kaynakta yok: iki istek yarışır, ilk gelen yanıt kazanır.
async def fetch(server, seconds):
    print(f"{server} sunucusuna istek gönderildi")
    await asyncio.sleep(seconds)
    print(f"{server} yanıt verdi")
    return server

async def main():
    a = asyncio.create_task(fetch("A", 3), name="fetch A")
    b = asyncio.create_task(fetch("B", 0.5), name="fetch B")
    done, pending = await asyncio.wait({a, b}, return_when=asyncio.FIRST_COMPLETED)
    print(f"Kazanan: {done.pop().result()} sunucusunun yanıtı")
    for loser in pending:
        loser.cancel()
    print("Kaybeden istek iptal edildi")

asyncio.run(main())
