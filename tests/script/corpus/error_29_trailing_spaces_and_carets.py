# A traceback of the error that ended the program keeps the spaces after a line's text, so the
# carets show under a call or a raise that does not span the line; a raise after a semicolon
# gets its carets too. (A task's error that nobody retrieved is logged with the lines stripped.)
import asyncio


async def worker():
    await asyncio.sleep(0.1); raise ValueError("worker failed")


async def main():
    t = asyncio.create_task(worker())   
    await asyncio.sleep(0.2)   
    del t
    check(0)   


def check(n):
    if n == 0:
        raise ZeroDivisionError("n is zero")   


asyncio.run(main())
