# A reconnecting client's errors: OSError's errno and strerror, and how str() shows them.
import asyncio


async def connect(attempt):
    try:
        await asyncio.open_connection("127.0.0.1", 1)
    except ConnectionRefusedError as e:
        print(f"deneme {attempt}: errno={e.errno} strerror={e.strerror!r}")
        print("  str:", e)
        print("  isinstance OSError:", isinstance(e, OSError), "args:", e.args)
        await asyncio.sleep(0.1 * 2 ** attempt)
        return False
    return True


async def main():
    for attempt in range(3):
        if await connect(attempt):
            break
    else:
        print("vazgeçildi")

    for e in [OSError(2, "No such file or directory", "veri.txt"), ConnectionResetError(104, "Connection reset by peer"),
              OSError("düz mesaj"), TimeoutError(), ConnectionError(1, 2, 3, 4), OSError(13, "izin yok", "a", None, "b")]:
        print(type(e).__name__, repr(str(e)), e.errno, e.strerror, e.filename, e.args)
    raise ConnectionRefusedError(111, "Connection refused")


asyncio.run(main())
