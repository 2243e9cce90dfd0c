import asyncio


async def fetch_data(delay):
    print(f"{delay} saniye gecikmeyle veri getirme başladı")
    await asyncio.sleep(delay)
    print("Veri getirme tamamlandı")
    return f"{delay} saniye sonraki veri"


# Kaynakta yok: aynı iki istek, görev olmadan, sırayla await edilir.
async def main():
    print("Ana program başlıyor")
    result1 = await fetch_data(2)
    result2 = await fetch_data(3)
    print(result1)
    print(result2)
    print("Ana program tamamlandı")


if __name__ == "__main__":
    asyncio.run(main())
