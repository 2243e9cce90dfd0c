# A deque walked while it changes (CPython's iterator notices), and the module's own hints.
from collections import deque
from typing import Final

SINIR: Final = 3
bekleyenler: deque[str] = deque(["Ali", "Ayşe", "Can"])
print(__annotations__["bekleyenler"] is not None, list(__annotations__))

sira = deque([1, 2, 3, 4])
it = iter(sira)
print(next(it), type(it).__name__)
sira.append(5)
try:
    next(it)
except RuntimeError as e:
    print("RuntimeError:", e)

try:
    for kisi in bekleyenler:
        print("sırada:", kisi)
        if kisi == "Ali":
            bekleyenler.popleft()
except RuntimeError as e:
    print("RuntimeError:", e)
print(bekleyenler)

for i, kisi in enumerate(bekleyenler):
    bekleyenler[i] = kisi.upper()
print(bekleyenler, sum(len(k) for k in bekleyenler))
