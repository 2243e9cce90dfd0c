# Stop 55's probes: a chat server started with keywords (host=, port=), as learners write it;
# a port out of range; the streams' classes as hints; asyncio's stream errors made by hand
# and caught together; wait() given something that is not a future; run_in_executor without
# its None; and `and`/`or` testing each operand once.
import asyncio


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
    line = await reader.readline()
    writer.write(b"echo: " + line)
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(handle, host="127.0.0.1", port=47191)
    print(server.sockets[0].getsockname())
    reader, writer = await asyncio.open_connection(host="127.0.0.1", port=47191)
    writer.write(b"merhaba\n")
    print(await reader.readline())
    writer.close()
    server.close()
    for port in (88888, -1):
        try:
            await asyncio.open_connection("127.0.0.1", port)
        except OverflowError as e:
            print("OverflowError", e)
    try:
        await asyncio.start_server(handle, "127.0.0.1", port=70000)
    except OverflowError as e:
        print("OverflowError", e)

    e = asyncio.IncompleteReadError(b"ab", 5)
    print(e, e.args, e.partial, e.expected)
    print(asyncio.IncompleteReadError(b"", None))
    l = asyncio.LimitOverrunError("ayraç bulunamadı", 12)
    print(l, l.consumed)
    try:
        raise asyncio.IncompleteReadError(b"x", 3)
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError) as err:
        print("yakalandı:", type(err).__name__, err)

    for items in ([36], [asyncio.create_task(asyncio.sleep(0.1)), "x"]):
        try:
            await asyncio.wait(items)
        except (AttributeError, TypeError) as err:
            print(type(err).__name__, err)

    def kare(n):
        return n * n

    loop = asyncio.get_running_loop()
    try:
        await loop.run_in_executor(kare, 3)
    except AttributeError as err:
        print("AttributeError", err)
    print(await loop.run_in_executor(None, kare, 3))
    await asyncio.sleep(0.1)


class Bayrak:
    def __init__(self, ad, deger):
        self.ad, self.deger = ad, deger

    def __bool__(self):
        print("bool:", self.ad)
        return self.deger


a, b = Bayrak("a", True), Bayrak("b", False)
x = 1 and a
print("--")
y = 0 or b
print("--", x.ad, y.ad)
if a and b:
    print("ikisi de")
if b or a:
    print("biri")
while b and a:
    pass
print("sonuç:", "evet" if a and a else "hayır")

asyncio.run(main())
