lst = [3, 1, 2]
lst.append(5)
lst.extend([9, 0])
lst.insert(1, 7)
lst.insert(100, 8)
print(lst)
print(lst.pop(), lst.pop(0), lst)
lst.remove(9)
print(lst, lst.index(2), lst.count(1), len(lst))
lst.sort()
print(lst)
lst.sort(reverse=True)
print(lst)
words = ["banana", "Apple", "cherry", "date"]
words.sort(key=str.lower)
print(words)
words.sort(key=len, reverse=True)
print(words)
words.reverse()
print(words)
c = words.copy()
c.append("fig")
print(len(words), len(c))
print(sorted([3, 1, 2]), sorted("bca"), sorted([(2, "b"), (1, "z"), (2, "a")]))
print([1, 2] + [3], [0] * 3, [[]] * 2, list("abc"), list((1, 2)))
nested = [[0] * 2 for _ in range(2)]
nested[0][0] = 1
print(nested)
print(min([4, 2, 8]), max([4, 2, 8]), sum([4, 2, 8]), max(["a", "bbb", "cc"], key=len))
lst.clear()
print(lst, [] == [], [1, 2] < [1, 3])
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].remove(5)
except ValueError as e:
    print("ValueError:", e)
