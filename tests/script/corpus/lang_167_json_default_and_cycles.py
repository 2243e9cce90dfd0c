# json.dumps with default= (the usual answer to "set is not JSON serializable"), a list
# inside itself (CPython's ValueError, not a recursion), and floats that JSON has no
# number for, as keys too.
import asyncio
import json
from dataclasses import asdict, dataclass


@dataclass
class Hasta:
    ad: str
    yas: int


def kodla(nesne):
    if isinstance(nesne, set):
        return sorted(nesne)
    if isinstance(nesne, Hasta):
        return asdict(nesne)
    raise TypeError(f"{type(nesne).__name__} JSON'a çevrilemez")


async def rapor():
    await asyncio.sleep(0.1)
    veri = {"servis": "dahiliye", "etiketler": {"acil", "yaşlı"}, "hasta": Hasta("Ayşe", 71)}
    print(json.dumps(veri, default=kodla, ensure_ascii=False, sort_keys=True))
    try:
        json.dumps({"saat": object()}, default=kodla)
    except TypeError as e:
        print("TypeError:", e)
    kuyruk = ["Ali"]
    kuyruk.append(kuyruk)
    try:
        json.dumps(kuyruk)
    except ValueError as e:
        print("ValueError:", e)
    print(json.dumps({float("inf"): "sonsuz", 1.5: float("nan")}))
    print(json.dumps({"hasta": Hasta("Can", 8)}, default=kodla, indent=2))
    try:
        json.dumps(Hasta("Can", 8), default=lambda nesne: nesne)
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(rapor())
