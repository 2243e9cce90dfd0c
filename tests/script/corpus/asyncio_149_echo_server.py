# The asyncio docs' echo server, with a client task: serve_forever until cancelled, the
# server's sockets and is_serving().
import asyncio

async def handle_echo(reader, writer):
    data = await reader.read(100)
    message = data.decode()
    addr = writer.get_extra_info('peername')
    print(f"Received {message!r} from {addr[0]!r}")
    print(f"Send: {message!r}")
    writer.write(data)
    await writer.drain()
    print("Close the connection")
    writer.close()
    await writer.wait_closed()

async def client():
    await asyncio.sleep(0.1)
    reader, writer = await asyncio.open_connection('127.0.0.1', 8888)
    writer.write(b"Hello World!")
    await writer.drain()
    data = await reader.read(100)
    print(f'Received: {data.decode()!r}')
    writer.close()
    await writer.wait_closed()

async def main():
    server = await asyncio.start_server(handle_echo, '127.0.0.1', 8888)
    addrs = ', '.join(str(sock.getsockname()) for sock in server.sockets)
    print(f'Serving on {addrs}')
    print(server.is_serving())
    async with server:
        t = asyncio.create_task(server.serve_forever())
        await client()
        t.cancel()
        try:
            await t
        except asyncio.CancelledError:
            print("cancelled", server.is_serving())

asyncio.run(main())
