# Changing a dict or a set while a loop walks it.
scores = {"a": 1, "b": 2, "c": 3}
for k in list(scores):
    if scores[k] == 2:
        del scores[k]
print(scores)

for k in scores:
    scores[k] *= 10
print(scores)

try:
    for k in scores:
        if k == "a":
            del scores[k]
except RuntimeError as e:
    print("RuntimeError:", e)
print(scores)

try:
    for k in scores:
        scores["z"] = 0
except RuntimeError as e:
    print("RuntimeError:", e)

seen = {1, 2, 3}
try:
    for x in seen:
        seen.add(x + 10)
except RuntimeError as e:
    print("RuntimeError:", e)

print([k for k in {"x": 1, "y": 2}])
d = {"p": 1}
for k in d:
    d[k] = 2
print(d)
scores2 = {"a": 1, "b": 2}
for k in scores2:
    del scores2[k]
