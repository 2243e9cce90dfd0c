# The event loop as the older tutorials drive it: callbacks and a task on a loop that runs
# for ever, until a callback stops it; a stop asked before `run_forever` lets it take one turn;
# a shutdown that stops the loop, then cancels every task left (the loop itself is not one).
import asyncio


async def tick(name, n):
    for i in range(n):
        print(name, "tick", i)
        await asyncio.sleep(0.1)
    print(name, "done")


def say(msg):
    print("callback:", msg)


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
loop.call_soon(say, "soon")
loop.call_later(0.25, say, "later")
loop.create_task(tick("a", 3))
loop.call_later(0.4, loop.stop)
print("running forever")
loop.run_forever()
print("stopped; running:", loop.is_running())
loop.call_soon(say, "one more turn")
loop.stop()
loop.run_forever()


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("worker cancelled")
        raise


def shutdown():
    print("tasks left:", len(asyncio.all_tasks(loop)))
    loop.stop()
    loop.stop()


loop.create_task(worker())
loop.call_later(0.5, shutdown)
loop.run_forever()
print("stopped; now cancelling what is left")
left = asyncio.all_tasks(loop)
for t in left:
    t.cancel()
print(loop.run_until_complete(asyncio.gather(*left, return_exceptions=True)))
loop.close()
print("closed:", loop.is_closed())
try:
    loop.run_forever()
except RuntimeError as e:
    print("RuntimeError:", e)
