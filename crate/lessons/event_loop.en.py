import asyncio

ROUNDS = 4


async def sleeper():
    for _ in range(ROUNDS):
        print("sleeper: sleeping 0.5 s, suspended; the loop moves on to the next ready task")
        await asyncio.sleep(0.5)
        print("sleeper: the timer fired, the loop resumed me where I left off")


async def producer(queue):
    for job in range(1, ROUNDS + 1):
        await asyncio.sleep(0.8)
        queue.put_nowait(job)
        print(f"producer: job {job} queued; consumer is ready now")
    queue.put_nowait(None)  # the queue is closed


async def consumer(queue):
    while True:
        print("consumer: checks the queue; if it is empty, control goes back to the loop")
        job = await queue.get()
        if job is None:
            break
        print(f"consumer: took job {job} from the queue")
    print("consumer: the queue is closed")


async def server(reader, writer):
    # start_server registers the socket; the loop calls this function when a connection comes in.
    print("server: new connection; the loop woke me with an I/O event")
    while True:
        print("server: reads the socket; with no data to read, control goes back to the loop")
        line = await reader.readline()
        if not line:
            break
        print(f"server: data to read: {line.decode().strip()}")
    print("server: the connection closed")
    writer.close()


async def client():
    reader, writer = await asyncio.open_connection("127.0.0.1", 8888)
    for number in range(1, ROUNDS + 1):
        await asyncio.sleep(0.6)
        writer.write(f"packet {number}\n".encode())
        await writer.drain()
        print(f"client: packet {number} sent")
    writer.close()


async def main():
    queue = asyncio.Queue()
    listener = await asyncio.start_server(server, "127.0.0.1", 8888)
    print("server: socket registered, waiting for a connection (I/O)")
    await asyncio.gather(sleeper(), producer(queue), consumer(queue), client())
    listener.close()
    print("main: every task is done, the loop has nothing left to run")


asyncio.run(main())
