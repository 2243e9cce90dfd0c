# The event loop as the older tutorials drive it: callbacks and a task on a loop that runs
# for ever, until a callback stops it; a stop asked before `run_forever` lets it take one turn.
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
loop.close()
print("closed:", loop.is_closed())
