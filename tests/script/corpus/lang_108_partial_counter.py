# functools.partial as executors are handed calls: a partial of a partial is one partial;
# a Counter forgets a count it does not have without a word.
import asyncio
from collections import Counter
from functools import partial


def rapor(bölüm, hasta, öncelik=1, not_=""):
    return f"{bölüm}/{hasta}/{öncelik}{not_}"


async def main():
    kardiyo = partial(rapor, "kardiyo", öncelik=2)
    ali_için = partial(kardiyo, "Ali", not_="!")
    print(ali_için.func is rapor, ali_için.args, ali_için.keywords)
    print(type(ali_için).__name__, type(ali_için))
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, ali_için))
    print(await asyncio.to_thread(partial(ali_için, öncelik=3)))
    try:
        ali_için.args = ()
    except AttributeError as e:
        print("değişmez:", type(e).__name__)

    sayım = Counter("hastane")
    del sayım["z"]
    del sayım["h"]
    print(sayım)


asyncio.run(main())
