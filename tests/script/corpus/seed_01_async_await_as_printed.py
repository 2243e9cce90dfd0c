import asyncio

async def xfonksiyonu():
     print("ıvır zırı")
     awat asyncio.sleep(3)
     await yfosnkiyon()
