# Streams on the page's loopback: an address already in use, write_eof, a closed server that
# refuses connections, readexactly and readuntil, and IncompleteReadError at the stream's end.
import asyncio

async def sunucu(reader, writer):
    print("sunucu:", (await reader.read()).decode())
    writer.close()

async def yankı(reader, writer):
    başlık = await reader.readexactly(4)
    satır = await reader.readuntil(";".encode())
    print("yankı:", başlık.decode(), satır.decode())
    try:
        await reader.readexactly(10)
    except asyncio.IncompleteReadError as e:
        print("eksik:", e, e.partial.decode(), e.expected)
    writer.close()

async def main():
    srv = await asyncio.start_server(sunucu, "127.0.0.1", 8875)
    try:
        await asyncio.start_server(sunucu, "127.0.0.1", 8875)
    except OSError as e:
        print("bağlanamadı:", e)
    reader, writer = await asyncio.open_connection("127.0.0.1", 8875)
    writer.write("merhaba".encode())
    writer.write_eof()
    await asyncio.sleep(0.1)
    srv.close()
    await srv.wait_closed()
    try:
        await asyncio.open_connection("127.0.0.1", 8875)
    except ConnectionRefusedError as e:
        print("kapalı:", e)
    srv2 = await asyncio.start_server(yankı, "127.0.0.1", 8875)
    reader, writer = await asyncio.open_connection("127.0.0.1", 8875)
    writer.writelines(["ABCD".encode(), "bir;".encode(), "iki".encode()])
    writer.write_eof()
    await asyncio.sleep(0.1)
    async with srv2:
        pass
    print(issubclass(asyncio.IncompleteReadError, EOFError))

asyncio.run(main())
