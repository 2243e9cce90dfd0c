import asyncio

async def main():
    t = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0.1)
    t.cancel("kullanıcı iptal etti")
    try:
        await t
    except asyncio.CancelledError as e:
        print("args:", e.args)

asyncio.run(main())
