import asyncio

async def yfosnkiyon():  # corpus: added; the seed awaits it but never defines it
    print("yfosnkiyon çalıştı")  # corpus: added

async def xfonksiyonu():
     print("ıvır zırı")
     await asyncio.sleep(3)  # corpus: corrected the seed's typo "awat" to "await"
     await yfosnkiyon()

asyncio.run(xfonksiyonu())  # corpus: added; the seed never runs the coroutine
