import asyncio

# An asynchronous context manager whose __aenter__ was written without `async`: CPython
# names the method that gave nothing to await.
class Kaynak:
    def __aenter__(self):
        print("giriş")
        return self

    async def __aexit__(self, *hata):
        print("çıkış")

async def main():
    async with Kaynak() as k:
        print("içeride", k)

asyncio.run(main())
