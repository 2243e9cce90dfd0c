# Streams: the echo server of asyncio's documentation, with read(n) and `async with server`.
import asyncio


async def handle(reader, writer):
    data = await reader.read(100)
    print(f"server got {data.decode()}")
    writer.write(data.upper())
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 8890)
    async with server:
        reader, writer = await asyncio.open_connection("127.0.0.1", 8890)
        writer.write("selam".encode())
        print("client got", (await reader.read(100)).decode())
        print("at the end:", len(await reader.read(10)))
        writer.close()
        await writer.wait_closed()

        r2, w2 = await asyncio.open_connection("127.0.0.1", 8890)
        w2.write("abcdef".encode())
        print("three:", (await r2.read(3)).decode())
        print("nothing:", len(await r2.read(0)))
        print("the rest:", (await r2.read()).decode())
        w2.close()


asyncio.run(main())
