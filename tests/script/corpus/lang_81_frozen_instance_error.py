# A frozen dataclass refuses an assignment with dataclasses.FrozenInstanceError, named with its
# module in the traceback and in its class's repr.
from dataclasses import dataclass, FrozenInstanceError


@dataclass(frozen=True)
class Nokta:
    x: int
    y: int = 0


p = Nokta(1)
try:
    p.x = 5
except FrozenInstanceError as e:
    print(type(e), e, isinstance(e, AttributeError))
print(FrozenInstanceError.__module__, p)
p.y = 2
