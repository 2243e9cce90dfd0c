import asyncio

async def producer(q, n):
    for i in range(n):
        await asyncio.sleep(0.1)
        order = f"sipariş-{i}"
        await q.put(order)
        print(f"{order} kuyruğa eklendi (qsize={q.qsize()})")

async def consumer(q, cid, log):
    while True:
        order = await q.get()
        try:
            await asyncio.sleep(0.35)
            log.append((cid, order))
            print(f"  C{cid} tamamladı {order}")
        finally:
            q.task_done()

async def main():
    q = asyncio.Queue()
    log = []
    consumers = [asyncio.create_task(consumer(q, c, log)) for c in range(2)]
    await producer(q, 6)
    await q.join()
    for c in consumers:
        c.cancel()
    res = await asyncio.gather(*consumers, return_exceptions=True)
    print("toplam:", len(log), "C0:", sum(1 for c, _ in log if c == 0), [type(r).__name__ for r in res])

asyncio.run(main())
