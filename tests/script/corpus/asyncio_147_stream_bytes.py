# A stream carries bytes: what is read prints as bytes, and writing a str is refused.
import asyncio

async def sunucu(reader, writer):
    veri = await reader.readline()
    print("sunucu aldı:", veri)
    writer.write("tamam: ".encode() + veri.upper())
    await writer.drain()
    writer.close()

async def main():
    server = await asyncio.start_server(sunucu, "127.0.0.1", 8888)
    reader, writer = await asyncio.open_connection("127.0.0.1", 8888)
    try:
        writer.write("merhaba\n")
    except TypeError as e:
        print("TypeError:", e)
    writer.write("merhaba çay\n".encode())
    cevap = await reader.read()
    print("istemci aldı:", cevap, len(cevap))
    print(cevap.decode().strip())
    writer.close()
    server.close()

asyncio.run(main())
