# json's one positional argument and its keywords checked as CPython checks them; Counter's
# methods are Python methods (a forgotten "()"), a queue's str has no address
import asyncio
import json
from collections import Counter

veri = {"ad": "Ayşe", "puan": 90}
for dene in (
    lambda: json.dumps(veri, 2),
    lambda: json.dumps(veri, sort_key=True),
    lambda: json.dumps(),
    lambda: json.loads('{"a": 1}', True),
    lambda: json.loads('{"a": 1}', strictt=False),
):
    try:
        print(dene())
    except TypeError as e:
        print("TypeError:", e)
print(json.dumps(veri, indent=2, ensure_ascii=False))

sayac = Counter("merhaba dünya")
print(type(sayac.most_common).__name__, type(sayac.get).__name__)
try:
    print(sayac.most_common[0])
except TypeError as e:
    print("TypeError:", e)
print(sayac.most_common(2))

async def main():
    q = asyncio.Queue(maxsize=3)
    await q.put("iş")
    print(q, f"{q}", type(q.put).__name__)

asyncio.run(main())
