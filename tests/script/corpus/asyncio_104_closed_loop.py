# run_until_complete on a closed loop is CPython's RuntimeError; a new loop is open.
import asyncio
async def f():
    print("f")
    return 1
loop = asyncio.new_event_loop()
print(loop.run_until_complete(f()))
loop.close()
print(loop.is_closed())
c = f()
try:
    loop.run_until_complete(c)
except RuntimeError as e:
    print("RuntimeError", e)
c.close()
loop2 = asyncio.new_event_loop()
print(loop2.is_closed(), loop2.run_until_complete(f()))
loop2.close()
print(asyncio.run(f()))
