import asyncio

ROUNDS = 4


async def sleeper():
    for _ in range(ROUNDS):
        print("sleeper: 0.5 sn uyuyor, askıya alındı; döngü hazır olan sıradaki göreve geçiyor")
        await asyncio.sleep(0.5)
        print("sleeper: zamanlayıcı çaldı, döngü beni kaldığım yerden sürdürdü")


async def producer(queue):
    for job in range(1, ROUNDS + 1):
        await asyncio.sleep(0.8)
        queue.put_nowait(job)
        print(f"producer: iş {job} kuyrukta; consumer artık hazır")
    queue.put_nowait(None)  # kuyruk kapandı


async def consumer(queue):
    while True:
        print("consumer: kuyruğa bakıyor; boşsa kontrol döngüye döner")
        job = await queue.get()
        if job is None:
            break
        print(f"consumer: kuyruktan iş {job} alındı")
    print("consumer: kuyruk kapandı")


async def server(reader, writer):
    # start_server soketi kaydeder; döngü bu fonksiyonu yeni bağlantı gelince çağırır.
    print("server: yeni bağlantı; döngü beni bir I/O olayıyla uyandırdı")
    while True:
        print("server: sokete bakıyor; okunacak veri yoksa kontrol döngüye döner")
        line = await reader.readline()
        if not line:
            break
        print(f"server: okunacak veri var: {line.decode().strip()}")
    print("server: bağlantı kapandı")
    writer.close()


async def client():
    reader, writer = await asyncio.open_connection("127.0.0.1", 8888)
    for number in range(1, ROUNDS + 1):
        await asyncio.sleep(0.6)
        writer.write(f"paket {number}\n".encode())
        await writer.drain()
        print(f"client: paket {number} gönderildi")
    writer.close()


async def main():
    queue = asyncio.Queue()
    listener = await asyncio.start_server(server, "127.0.0.1", 8888)
    print("server: soketi kaydetti, bağlantı bekliyor (I/O)")
    await asyncio.gather(sleeper(), producer(queue), consumer(queue), client())
    listener.close()
    print("main: bütün görevler bitti, döngünün yapacak işi kalmadı")


asyncio.run(main())
