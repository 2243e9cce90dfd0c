# json.dumps(sort_keys=True) sorts the keys themselves: numbers as numbers, and keys that
# cannot be ordered together are CPython's TypeError.
import json
for d in [{1: "a", "b": 2}, {"b": 1, 2: 3}, {"x": 1, "a": 2, "m": {"z": 0, "c": 1}}, {2: 1, 1.5: 2, True: 3}, {None: 1, "a": 2}]:
    try:
        print(json.dumps(d, sort_keys=True))
    except TypeError as e:
        print(e)
