# json: dumps with indent, sort_keys, separators and ensure_ascii, non-str keys, escapes;
# loads and its JSONDecodeError (a ValueError) with CPython's messages.
import json

data = {"name": "Ann", "tags": ["a", "b"], "age": 30, "ok": True, "none": None, "pi": 3.14,
        "nested": {"z": [], "a": {}, "t": (1, 2)}, 1: "one", None: 0, False: 1.5}
print(json.dumps(data))
print(json.dumps(data, indent=2, sort_keys=False))
print(json.dumps({"b": 1, "a": [1, {"c": 2}]}, indent=4, sort_keys=True))
print(json.dumps({"b": 1, "a": [1, 2]}, separators=(",", ":")))
print(json.dumps(["tab\there", "quote\"", "back\\slash", "line\nbreak", "bell\x07", "çay ☕ 🙂"]))
print(json.dumps("çay ☕ 🙂", ensure_ascii=False))
print(json.dumps([1, [2, [3]]], indent="\t"))
print(json.dumps({}, indent=2), json.dumps([], indent=2))
try:
    json.loads("{bad json}")
except json.JSONDecodeError as e:
    print(type(e).__name__, isinstance(e, ValueError), e)
try:
    json.dumps({(1, 2): 3})
except TypeError as e:
    print("TypeError:", e)
try:
    json.dumps({1, 2})
except TypeError as e:
    print("TypeError:", e)
print(json.loads('{"a": "x\\r\\ty\\b\\f\\/", "n": [1, -2.5e3, true, null]}'))
for bad in ['{"a" 1}', '[1, 2', '{"a": 1,}', '', '[1] x']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(e)
print(json.dumps([float("nan"), float("inf"), -float("inf")]))
print(json.dumps({10: "a", 9: "b", 2.5: "c"}, sort_keys=True))
print(json.dumps({"a": [1, 2]}, indent=2, separators=(", ", ": ")))
