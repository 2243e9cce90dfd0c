import asyncio


async def fetch_data(delay):
    print(f"{delay} saniye gecikmeyle veri getirme başladı")

    # Ağ işlemleri gibi I/O-bağımlı işleri simüle eder
    await asyncio.sleep(delay)

    print("Veri getirme tamamlandı")
    return f"{delay} saniye sonraki veri"


async def main():
    print("Ana program başlıyor")

    # İki görevi eş zamanlı olarak planlayın
    task1 = asyncio.create_task(fetch_data(2))
    task2 = asyncio.create_task(fetch_data(3))

    # Her iki görev de tamamlanana kadar bekleyin
    result1, result2 = await asyncio.gather(task1, task2)

    print(result1)
    print(result2)
    print("Ana program tamamlandı")


if __name__ == "__main__":
    asyncio.run(main())
