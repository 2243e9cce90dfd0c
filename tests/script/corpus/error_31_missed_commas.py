# A missing comma between literals: CPython's compiler warns before anything runs, for a
# literal called or indexed that cannot be, then the program fails where it said.
import asyncio


def hiç_çağrılmaz():
    boş = None [0]
    sayı = 5 [1]
    matris = [[1, 2] [0, 1]]
    kümeler = {1, 2} [0]
    return boş, sayı, matris, kümeler


hastalar = [
    ("Ali", 3)
    ("Ayşe", 5),
]
