# Bir bağlantının durumları enum ile: auto(), takma ad (aynı değer), üyelerin adı ve değeri,
# değerden ve addan üye bulmak, sınıfı dolaşmak, str ve repr, hatalı değer ve ad.
import asyncio
from enum import Enum, auto

class State(Enum):
    CONNECTING = auto()
    CONNECTED = auto()
    CLOSED = 10
    GONE = 10

    def can_send(self):
        return self is State.CONNECTED

class Color(Enum):
    RED = "r"
    GREEN = "g"

async def connect(log):
    state = State.CONNECTING
    log.append(state)
    await asyncio.sleep(0.1)
    state = State.CONNECTED
    log.append(state)
    return state

async def main():
    log = []
    s = await connect(log)
    print(s, repr(s), s.name, s.value, s.can_send(), State.CLOSED.can_send())
    print(log, [m.name for m in State], len(State), list(Color))
    print(State(2), State["CLOSED"], State.GONE is State.CLOSED, State(10).name)
    print(isinstance(s, State), s == State.CONNECTED, s != State.CLOSED, {State.CONNECTED: 1}[s])
    print(f"{s}", str(Color.RED), Color("g"), list(State.__members__))
    try:
        State(7)
    except ValueError as e:
        print("ValueError:", e)
    try:
        Color["BLUE"]
    except KeyError as e:
        print("KeyError:", e)
    match_state = {State.CONNECTING: "wait", State.CONNECTED: "send"}
    print(match_state[State.CONNECTED], State.CONNECTED.value + 1)

asyncio.run(main())
