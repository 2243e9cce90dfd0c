# A line protocol over asyncio streams, read with `async for line in reader`: the server
# answers each command, the client reads the answers to the end of the stream.
import asyncio


async def sunucu(okuyucu, yazıcı):
    async for satır in okuyucu:
        komut, _, argüman = satır.decode().strip().partition(" ")
        match komut:
            case "SELAM":
                yazıcı.write(f"merhaba {argüman}\n".encode())
            case "TOPLA":
                yazıcı.write(f"{sum(int(x) for x in argüman.split())}\n".encode())
            case _:
                yazıcı.write(f"bilinmeyen: {komut}\n".encode())
        await yazıcı.drain()
    print("sunucu: istemci bitirdi")
    yazıcı.close()


async def main():
    sunucum = await asyncio.start_server(sunucu, "127.0.0.1", 8871)
    async with sunucum:
        okuyucu, yazıcı = await asyncio.open_connection("127.0.0.1", 8871)
        for komut in ["SELAM Ayşe", "TOPLA 1 2 3", "UÇ"]:
            yazıcı.write(f"{komut}\n".encode())
            await asyncio.sleep(0.05)
        yazıcı.write_eof()
        async for cevap in okuyucu:
            print("cevap:", cevap.decode().strip())
        yazıcı.close()
        await yazıcı.wait_closed()
    print("bitti")


asyncio.run(main())
