# Messages a beginner meets in a basics course, each in CPython's words.
notlar = [70, 85, 90]
denemeler = [
    lambda: reversed(5),
    lambda: reversed({1, 2}),
    lambda: dict([1, 2]),
    lambda: dict([("ali", 70), "ayşe"]),
]
for dene in denemeler:
    try:
        dene()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    notlar[0:1] = 100
except TypeError as e:
    print(e)
try:
    notlar[::2] = 100
except TypeError as e:
    print(e)
notlar[1:2] = [60, 65]
print(notlar, list(reversed(notlar)))
raise ValueError("not geçersiz") from 5
