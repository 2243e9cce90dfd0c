# typing beyond hints: Protocol, Generic[T], ClassVar, NewType and the decorators that give
# back what they decorate; hints are read, never checked.
from typing import Protocol, Generic, TypeVar, ClassVar, Optional, Union, Iterable, AsyncIterator, Coroutine, Any, Callable
import typing
T = TypeVar("T")

class Greeter(Protocol):
    def greet(self) -> str: ...

class Box(Generic[T]):
    count: ClassVar[int] = 0
    def __init__(self, item: T) -> None:
        self.item = item
        Box.count += 1
    def get(self) -> T:
        return self.item

class English:
    def greet(self) -> str:
        return "hello"

def welcome(g: Greeter) -> str:
    return g.greet()

b: Box[int] = Box(3)
print(b.get(), Box.count, welcome(English()))
def f(x: Optional[int] = None) -> Union[int, str]:
    return x or "none"
print(f(), f(2), typing.TYPE_CHECKING)
from typing import NewType, overload, final, runtime_checkable
UserId = NewType("UserId", int)
print(UserId(5) + 1)
@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...
@final
class Leaf:
    pass
print(Leaf.__name__)
