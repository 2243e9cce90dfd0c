# Turkish text, case mapping and json.loads's errors, as a learner meets them.
import json

for word in ["ışık", "İstanbul", "Straße", "ΣΟΦΟΣ", "ﬁle"]:
    print(word, word.casefold(), word.capitalize(), word.swapcase(), word.istitle())
print("ǅemal".istitle(), "Aǅ".isupper(), "aΣ b".swapcase(), "ΟΔΟΣ ΟΔΟΣ.".capitalize())

messages = ['{"görev": "tamam"}', '{"görev": 1,}', '[1, 2', '"\\ud83d\\ude00"', '01', '+1', '"a\tb"',
            '"\\x"', '[1,\n 2,\n ', '"açık', 'null', ' [true] ']
for text in messages:
    try:
        print(repr(json.loads(text)))
    except json.JSONDecodeError as e:
        print(f"{e.msg!r} at {e.pos} (line {e.lineno}, column {e.colno}): {e}")

checks = [
    lambda: "görev".center(),
    lambda: "görev".strip(1),
    lambda: "görev".replace("g"),
    lambda: "görev".find(1),
    lambda: "görev".startswith(["g"]),
    lambda: "görev"[1:"x"],
    lambda: str.upper(5),
    lambda: ",".join(5),
    lambda: "%*d" % ("a", 1),
]
for check in checks:
    try:
        check()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

print(repr(json.loads('"satır\nsonu"', strict=False)))
for depth in (995, 996):
    try:
        print(len(json.loads("[" * depth + "]" * depth)))
    except RecursionError as e:
        print(e)
try:
    json.loads(42)
except TypeError as e:
    print(e)
print("görev".startswith(("gö", 1)))
try:
    "görev".startswith(("x", 1))
except TypeError as e:
    print(e)

json.loads('{"hasta": 3,}')
