s = "abcdefgh"
lst = [10, 20, 30, 40, 50]
print(s[0], s[-1], s[-3], lst[1], lst[-2])
print(s[2:5], s[:3], s[5:], s[:], s[-3:])
print(s[::2], s[1::2], s[::-1], s[6:1:-2], s[-1:-4:-1])
print(lst[1:4], lst[::-1], lst[10:], lst[-100:2])
t = (1, 2, 3, 4)
print(t[1:3], t[::-1], t[-1])
m = [[1, 2], [3, 4]]
print(m[1][0], m[-1][-1])
lst[1:3] = [21, 31, 32]
print(lst)
lst[::2] = [0, 0, 0]
print(lst)
del lst[0]
print(lst)
del lst[::2]
print(lst)
d = {"a": [1, {"b": "deep"}]}
print(d["a"][1]["b"])
print("hello"[1:-1].upper())
words = "one two three".split()
print(words[-1][::-1])
