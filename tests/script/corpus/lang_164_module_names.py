# A module's name, and a name CPython 3.11's random does not have yet (3.12 added it).
import asyncio
import math
import random
from collections import deque

for modul in (asyncio, math, random):
    print(modul.__name__, end=" ")
print()
try:
    random.binomialvariate(10, 0.5)
except AttributeError as e:
    print("AttributeError:", e)
print(getattr(random, "binomialvariate", "yok"), deque.__name__)
