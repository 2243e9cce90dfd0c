# The loop's repr; code in a to_thread thread runs outside the loop (no running loop there, no
# current one); asyncio.run leaves no current loop behind it, until one is set.
import asyncio
async def bildir():
    print("bildirim")
def isci():
    try:
        asyncio.create_task(bildir())
        print("görev oluşturuldu")
    except RuntimeError as e:
        print("hata:", e)
    for f in (asyncio.get_running_loop, asyncio.get_event_loop):
        try:
            f()
        except RuntimeError as e:
            print("hata:", e)
    return "iş bitti"
async def main():
    loop = asyncio.get_running_loop()
    print(loop)
    print(await asyncio.to_thread(isci))
    await asyncio.sleep(0.1)
loop = asyncio.get_event_loop()
print(loop)
loop.run_until_complete(asyncio.sleep(0.1))
loop.close()
print(loop)
asyncio.run(main())
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print("hata:", e)
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print(asyncio.get_event_loop() is loop)
