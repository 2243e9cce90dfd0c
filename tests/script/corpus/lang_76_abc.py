# abc: an abstract base class of async sources and of shapes; instantiating one whose methods
# are still abstract fails with CPython's message.
import abc
import asyncio
from abc import ABC, abstractmethod

class Source(ABC):
    @abstractmethod
    async def fetch(self) -> str: ...

    async def fetch_twice(self):
        return [await self.fetch(), await self.fetch()]

class Api(Source):
    def __init__(self):
        self.n = 0
    async def fetch(self):
        self.n += 1
        await asyncio.sleep(0.1)
        return f"payload {self.n}"

async def main():
    try:
        Source()
    except TypeError as e:
        print("TypeError:", e)
    print(await Api().fetch_twice())
    print(isinstance(Api(), Source))

asyncio.run(main())

class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def name(self): ...
    def describe(self):
        return f"{self.name()} with area {self.area()}"
class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
class Named(Square):
    def name(self):
        return "square"
for cls in (Shape, Square):
    try:
        cls(2) if cls is Square else cls()
    except TypeError as e:
        print(e)
print(Named(3).describe(), Shape.area.__isabstractmethod__, ABC, abc.ABC.__module__, Shape.__mro__)
print(isinstance(Named(1), Shape), issubclass(Named, ABC))
