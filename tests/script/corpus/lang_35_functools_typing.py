# Bir zamanlayıcı dekoratörü (functools.wraps: sarılan fonksiyonun adı kalır), run_in_executor
# ve to_thread için functools.partial, reduce; typing ipuçları (Union, TypeVar, cast) yalnızca okunur.
import asyncio
import functools
import time
from functools import partial, wraps, reduce
from typing import TypeVar, cast, Union, TYPE_CHECKING

T = TypeVar("T")

def timer(func):
    @functools.wraps(func)
    async def wrapper(*args, **kwargs):
        start = time.perf_counter()
        result = await func(*args, **kwargs)
        print(f"{func.__name__} took {time.perf_counter() - start:.2f}s -> {wrapper.__name__}")
        return result
    return wrapper

@timer
async def fetch(url: Union[str, bytes], delay: float = 0.1) -> str:
    await asyncio.sleep(delay)
    return f"<{url}>"

def blocking(n, *, scale=1):
    time.sleep(0.2)
    return n * scale

async def main():
    print(fetch.__name__, fetch.__qualname__, TYPE_CHECKING, cast(int, "x"))
    print(asyncio.iscoroutinefunction(fetch), asyncio.iscoroutinefunction(blocking), asyncio.iscoroutinefunction(timer))
    t = asyncio.create_task(fetch("a", delay=0.2))
    print(await asyncio.gather(t, fetch("b")))
    loop = asyncio.get_running_loop()
    r = await loop.run_in_executor(None, partial(blocking, 3, scale=10))
    p = partial(blocking, scale=2)
    print(r, callable(p), p.args, p.keywords, p.func.__name__)
    print(await asyncio.to_thread(p, 4))
    print(reduce(lambda a, b: a * b, [1, 2, 3, 4]), reduce(lambda a, b: a + b, [], 0))
    try:
        reduce(max, [])
    except TypeError as e:
        print(e)

asyncio.run(main())
