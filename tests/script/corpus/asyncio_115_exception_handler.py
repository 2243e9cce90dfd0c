# loop.set_exception_handler: the loop calls the script's handler, with the loop and a context
# (message, exception, handle), instead of logging a task's exception nobody retrieved or a
# callback's error; default_exception_handler logs as the loop would; a handler's own error.
import asyncio
def handler(loop, context):
    msg = context.get("exception", context["message"])
    print(f"Caught exception: {msg!r} | {context['message']}")
async def bad():
    raise ValueError("boom")
def cb():
    raise KeyError("k")
async def main():
    loop = asyncio.get_running_loop()
    print(loop.get_exception_handler())
    loop.set_exception_handler(handler)
    print(loop.get_exception_handler() is handler)
    t = asyncio.create_task(bad())
    await asyncio.sleep(0.1)
    del t
    loop.call_soon(cb)
    await asyncio.sleep(0.1)
    try:
        loop.set_exception_handler(3)
    except TypeError as e:
        print("TypeError:", e)
    loop.set_exception_handler(None)
    loop.default_exception_handler({"message": "custom report", "exception": RuntimeError("x"), "extra": 5})
    loop.call_exception_handler({"message": "no exception here"})
    def bad_handler(loop, ctx):
        1 / 0
    loop.set_exception_handler(bad_handler)
    loop.call_soon(cb)
    await asyncio.sleep(0.1)
    print("end")
asyncio.run(main())
