# The loop's own controls: stop() ends run_forever after the round it was called in, and
# makes run_until_complete give up on a future not yet done; a running loop cannot be closed;
# call_later gives a TimerHandle, call_soon a Handle.
import asyncio


async def worker(n):
    for i in range(3):
        print("worker", n, i)
        await asyncio.sleep(0.1)
    return n * 10


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)

task = loop.create_task(worker(1))
loop.call_later(0.15, loop.stop)
try:
    loop.run_until_complete(task)
except RuntimeError as e:
    print("RuntimeError:", e, "| done:", task.done())
print("the task goes on in the next run:", loop.run_until_complete(task))


def first():
    print("first callback stops the loop")
    loop.stop()
    loop.call_soon(second)


def second():
    print("second callback, in the next run_forever")
    loop.stop()


loop.call_soon(first)
loop.run_forever()
print("run_forever returned")
loop.run_forever()
print("and returned again")


async def main():
    running = asyncio.get_running_loop()
    try:
        running.close()
    except RuntimeError as e:
        print("RuntimeError:", e)
    print("debug:", running.get_debug())
    empty = asyncio.gather()
    print(empty, await empty)
    later = running.call_later(0.2, print, "never printed")
    soon = running.call_soon(print, "soon")
    print(type(later).__name__, isinstance(later, asyncio.Handle), type(soon).__name__)
    later.cancel()
    print("cancelled:", later.cancelled(), soon.cancelled())
    await asyncio.sleep(0.3)


loop.run_until_complete(main())
loop.close()
print("closed:", loop.is_closed())
