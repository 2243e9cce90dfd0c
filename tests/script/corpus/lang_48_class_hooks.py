# What a class can say about itself: private names (`__x` is `_Class__x`), `__getattr__` for
# what an object lacks, `__new__` (a singleton), `super()` reaching a base's property and
# class method, and an exception's own `__str__` and `__repr__`, in a traceback too.
import asyncio


class Account:
    __opened = 0

    def __init__(self, owner, __start=100):
        self.owner = owner
        self.__balance = __start
        Account.__opened += 1

    def __allowed(self, amount):
        return amount <= self.__balance

    def withdraw(self, amount):
        try:
            allowed = self.__allowed(amount)
        except TypeError as __e:
            print("TypeError", __e)
            allowed = False
        if not allowed:
            raise InsufficientFunds(amount, self.__balance)
        self.__balance -= amount
        return f"{self.owner}: {self.__balance}"

    @classmethod
    def opened(cls):
        return cls.__opened


class InsufficientFunds(Exception):
    def __init__(self, wanted, balance):
        super().__init__(wanted, balance)
        self.wanted = wanted

    def __str__(self):
        return f"wanted {self.args[0]}, have {self.args[1]}"


class Timeout(Exception):
    def __repr__(self):
        return "Timeout!"


class Settings:
    def __init__(self, values):
        self._values = values

    def __getattr__(self, name):
        if name in self._values:
            return self._values[name]
        raise AttributeError(f"no setting {name!r}")


class Loop:
    _only = None

    def __new__(cls, *args):
        if cls._only is None:
            print("a new Loop")
            cls._only = super().__new__(cls)
        return cls._only

    def __init__(self, name):
        self.name = name


class Shape:
    def __init__(self, side):
        self.side = side

    @property
    def area(self):
        return self.side * self.side

    @classmethod
    def unit(cls):
        return cls(1)


class Frame(Shape):
    @property
    def area(self):
        return super().area - 1

    @classmethod
    def unit(cls):
        made = super().unit()
        return type(made).__name__, made.side


async def main():
    a = Account("ayşe")
    print(a.withdraw(30), vars(a), Account.opened(), a._Account__balance)
    try:
        print(a.__balance)
    except AttributeError as e:
        print("AttributeError:", e)
    try:
        a.withdraw(500)
    except InsufficientFunds as e:
        print(e, repr(e), e.wanted)
    t = Timeout("slow")
    print(t, repr(t), [t], f"{t!r}")

    s = Settings({"host": "localhost", "port": 8080})
    print(s.host, s.port, hasattr(s, "debug"), getattr(s, "debug", False))
    first, second = Loop("first"), Loop("second")
    print(first is second, first.name)
    print(Frame(3).area, Frame.unit())
    await asyncio.sleep(0.1)
    a.withdraw(1000)


asyncio.run(main())
