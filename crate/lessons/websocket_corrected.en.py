import asyncio
import socket
from json import loads
from typing import Callable

import websockets
from websockets.exceptions import ConnectionClosedError

SocketListener = Callable[[dict], None]


class Client:
    PING_TIMEOUT = 0.5
    SLEEP_TIME = 1

    async def _connect(self, address: str, callback: SocketListener):
        while True:
            async with websockets.connect(address, ssl=True, ping_interval=0.) as ws:
                while True:
                    try:
                        callback(loads(await ws.recv()))
                    except (asyncio.TimeoutError, websockets.exceptions.ConnectionClosed):
                        try:
                            pong = await ws.ping()
                            await asyncio.wait_for(pong, timeout=self.PING_TIMEOUT)
                            continue
                        except:
                            await asyncio.sleep(self.SLEEP_TIME)
                            break
                    except socket.gaierror:
                        await asyncio.sleep(self.SLEEP_TIME)
                        continue
                    except (ConnectionRefusedError, ConnectionClosedError):
                        await asyncio.sleep(self.SLEEP_TIME)
                        continue

    def _create_task(self, address: str, callback: SocketListener) -> asyncio.Future:
        return asyncio.ensure_future(self._connect(address, callback))


def callback_func(json_data: dict):
    print("message", json_data["number"])

ADDRESS = "wss://loopscope.test/feed"
RUN_TIME = 8
task = Client()._create_task(ADDRESS, callback_func)
asyncio.get_event_loop().run_until_complete(asyncio.wait([task], timeout=RUN_TIME))
