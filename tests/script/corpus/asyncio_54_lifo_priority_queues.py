# asyncio.PriorityQueue gives the smallest item first, by the items' own `<` (tuples compare
# item by item; a class's __lt__ is called as heapq calls it), equal ones in heap order;
# items that cannot be compared raise TypeError. asyncio.LifoQueue gives the last put first.
import asyncio


class Hasta:
    def __init__(self, aciliyet, ad):
        self.aciliyet = aciliyet
        self.ad = ad

    def __lt__(self, diger):
        print(f"  {self.ad} < {diger.ad}?")
        return self.aciliyet < diger.aciliyet


async def doktor(kuyruk):
    while True:
        oncelik, ad = await kuyruk.get()
        print(f"doktor: {ad} (öncelik {oncelik})")
        await asyncio.sleep(0.1)
        kuyruk.task_done()


async def main():
    kuyruk = asyncio.PriorityQueue()
    print(type(kuyruk).__name__, kuyruk.qsize(), kuyruk.empty())
    d = asyncio.create_task(doktor(kuyruk))
    for oncelik, ad in [(3, "kırık parmak"), (1, "kalp krizi"), (2, "yüksek ateş"), (1, "kanama")]:
        await kuyruk.put((oncelik, ad))
    print("sırada:", kuyruk.qsize())
    await kuyruk.join()
    d.cancel()

    bekleme = asyncio.PriorityQueue()
    for h in [Hasta(5, "Ece"), Hasta(2, "Can"), Hasta(9, "Naz"), Hasta(2, "Ali")]:
        bekleme.put_nowait(h)
    while not bekleme.empty():
        print("->", bekleme.get_nowait().ad)

    karisik = asyncio.PriorityQueue()
    karisik.put_nowait({"ad": "Ece"})
    try:
        karisik.put_nowait({"ad": "Can"})
    except TypeError as e:
        print("TypeError:", e)

    yigin = asyncio.LifoQueue(maxsize=2)
    print(type(yigin).__name__, yigin.maxsize)
    for tabak in ["mavi", "kırmızı"]:
        yigin.put_nowait(tabak)
    try:
        yigin.put_nowait("yeşil")
    except asyncio.QueueFull:
        print("yığın dolu")
    print("yığından:", yigin.get_nowait(), yigin.get_nowait())
    try:
        yigin.get_nowait()
    except asyncio.QueueEmpty:
        print("yığın boş")


asyncio.run(main())
