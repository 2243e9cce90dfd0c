class Animal:
    kingdom = "animalia"

    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound

    def speak(self):
        return f"{self.name} says {self.sound}"

    def __str__(self):
        return f"Animal({self.name})"

    def __repr__(self):
        return f"Animal(name={self.name!r})"


class Dog(Animal):
    def __init__(self, name, tricks=None):
        super().__init__(name, "woof")
        self.tricks = tricks or []

    def speak(self):
        return super().speak() + "!"

    def __str__(self):
        return f"Dog {self.name} knows {len(self.tricks)} tricks"


a = Animal("cat", "meow")
d = Dog("rex", ["sit"])
print(a.speak())
print(d.speak())
print(str(a), repr(a), d)
print([a, d])
print(f"{a} {a!r}")
print(isinstance(d, Animal), isinstance(a, Dog), issubclass(Dog, Animal))
print(type(d).__name__, type(a).__name__, Dog.__name__, d.kingdom)
d.tricks.append("roll")
d.age = 3
print(d, d.age, hasattr(d, "age"), getattr(a, "age", "none"))
Animal.kingdom = "changed"
print(d.kingdom)


class Counter:
    instances = 0

    def __init__(self):
        Counter.instances += 1
        self.value = 0

    def inc(self):
        self.value += 1
        return self


c = Counter().inc().inc()
Counter()
print(c.value, Counter.instances)
