# Calls a learner gets wrong, and the library's answer in CPython's words; then a deck of
# cards of the learner's own class, shuffled and dealt by random.
import functools
import itertools
import random


def dene(ad, f):
    try:
        sonuc = f()
        print(f"{ad}: {sonuc!r}"[:60])
    except Exception as e:
        print(f"{ad}: {type(e).__name__}: {e}")


dene("takewhile", lambda: itertools.takewhile(lambda x: x < 3))
dene("pairwise", lambda: list(itertools.pairwise("abc", "xyz")))
dene("accumulate", lambda: itertools.accumulate())
dene("accumulate+", lambda: itertools.accumulate([1], max, 0))
dene("combinations", lambda: itertools.combinations("abc"))
dene("combinations r", lambda: itertools.combinations("abc", "2"))
dene("permutations r", lambda: itertools.permutations("abc", 1.5))
dene("compress", lambda: itertools.compress("abc"))
dene("repeat", lambda: list(itertools.repeat("x", -1)))
dene("repeat times", lambda: itertools.repeat("x", 2.0))
dene("count", lambda: itertools.count("a"))
dene("islice", lambda: itertools.islice("abc"))
dene("from_iterable", lambda: itertools.chain.from_iterable())
dene("chain", lambda: next(itertools.chain([], 5)))
dene("product", lambda: list(itertools.product("ab", repeat="2")))
dene("reduce", lambda: functools.reduce(lambda a, b: a + b))
dene("reduce 5", lambda: functools.reduce(lambda a, b: a + b, 5))
dene("partial", lambda: functools.partial())
dene("sorted", lambda: sorted(key=len))
dene("sum", lambda: sum(iterable=[1, 2]))
dene("min", lambda: min(iterable=[1]))
dene("choice", lambda: random.choice({"Ali": 1, "Ece": 2}.keys()))
dene("choices", lambda: random.choices({"x", "y"}, k=2))
dene("shuffle", lambda: random.shuffle({"as", "kral", "kız"}))
print(itertools.product("ab").__class__, repr(itertools.product("ab")).split(" at ")[0])


class Deste:
    def __init__(self):
        self.kartlar = [f"{d}{r}" for r in "♠♥" for d in "AKQJ"]

    def __len__(self):
        return len(self.kartlar)

    def __getitem__(self, i):
        return self.kartlar[i]

    def __setitem__(self, i, kart):
        self.kartlar[i] = kart


random.seed(7)
deste = Deste()
random.shuffle(deste)
print("karıştı:", deste.kartlar)
print("çekilen:", random.choice(deste), random.choices(deste, k=3))
dene("sample", lambda: random.sample(deste, 2))

try:
    try:
        {}["anahtar"]
    except KeyError as e:
        raise ValueError("yapılandırma eksik") from e
except ValueError as hata:
    print("sebep:", repr(hata.__cause__))
    try:
        raise hata from None
    except ValueError as yeni:
        print("from None:", yeni.__cause__, yeni.__suppress_context__)


class Torba:
    """A bag with a length and no items by index: random cannot index it."""

    def __len__(self):
        return random.randint(2, 5)


dene("torba shuffle", lambda: random.shuffle(Torba()))
dene("torba choice", lambda: random.choice(Torba()))
dene("torba choices", lambda: random.choices(Torba(), k=2))
print(random.random())
