# A class defined in a class or a function is named by its __qualname__ (in its repr and in a
# traceback's last line), and a coroutine made on purpose and never run is closed quietly.
import asyncio


class Downloader:
    class Failed(Exception):
        pass

    async def fetch(self, url):
        await asyncio.sleep(0.1)
        raise self.Failed(url)


def make_job():
    class Job:
        pass

    return Job


async def main():
    Job = make_job()
    print(Downloader.Failed, Downloader.Failed.__qualname__, Downloader.Failed.__name__)
    print(Job, Job.__qualname__, Job.__name__)
    spare = main_helper()
    print(type(spare).__name__, spare.__name__, spare.__qualname__)
    spare.close()
    spare.close()
    try:
        await spare
    except RuntimeError as e:
        print("RuntimeError:", e)
    await Downloader().fetch("https://example.com")


async def main_helper():
    return 1


asyncio.run(main())
