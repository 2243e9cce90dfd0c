# contextvars: a request id per task. Each task starts with a copy of the context it was made in,
# so what it sets is its own; a thread and a callback see their caller's; asyncio.run's changes
# stay in its copy.
import asyncio
import contextvars
from contextvars import ContextVar, copy_context

request_id: ContextVar[str] = ContextVar("request_id", default="-")
user = ContextVar("user")

def log(msg):
    print(f"[{request_id.get()}] {msg}")

async def child():
    log("child sees its parent's value")
    request_id.set("child-own")
    log("child set its own")

async def handle(i):
    token = request_id.set(f"req-{i}")
    log("start")
    await asyncio.sleep(0.1 * (3 - i))
    await asyncio.create_task(child())
    log("after child: unchanged")
    request_id.reset(token)
    log("after reset")

async def main():
    log("main before")
    await asyncio.gather(*(handle(i) for i in range(3)))
    request_id.set("main")
    log("main after")
    try:
        user.get()
    except LookupError:
        print("LookupError: no user")
    print(user.get("guest"), user.name, type(user).__name__, isinstance(user, ContextVar))
    ctx = copy_context()
    print(ctx[request_id], request_id in ctx, user in ctx, len(ctx) >= 1, ctx.get(user, "none"))
    def inside(x):
        user.set(x)
        return user.get()
    print(ctx.run(inside, "ayşe"), ctx[user], user.get("outside"))
    t = request_id.set("again")
    print(t.var is request_id, t.old_value)
    t2 = user.set("x")
    print(t2.old_value is contextvars.Token.MISSING)
    request_id.reset(t)
    try:
        request_id.reset(t)
    except RuntimeError as e:
        print("RuntimeError", "has already been used once" in str(e))
    try:
        user.reset(request_id.set("y"))
    except ValueError as e:
        print("ValueError", "different ContextVar" in str(e))
    await asyncio.to_thread(log, "in a thread")
    loop = asyncio.get_running_loop()
    loop.call_soon(log, "in a callback")
    await asyncio.sleep(0)

log("module before")
asyncio.run(main())
log("module after: run's changes stay in its copy")
