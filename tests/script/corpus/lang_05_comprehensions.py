nums = [3, 1, 4, 1, 5, 9, 2, 6]
print([n * n for n in nums])
print([n for n in nums if n % 2 == 0])
print(["even" if n % 2 == 0 else "odd" for n in nums[:4]])
print({n: n * n for n in range(5)})
print({w: len(w) for w in ["pear", "fig", "banana"]})
print(sorted({n % 3 for n in nums}))
print([(x, y) for x in range(3) for y in range(x)])
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([x for row in matrix for x in row if x != 5])
print(sum(n for n in nums if n > 2))
print(list(c.upper() for c in "abc"))
print(any(n > 8 for n in nums), all(n > 0 for n in nums))
words = ["a", "bb", "a", "ccc", "bb", "a"]
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(counts)
print({k: v for k, v in counts.items() if v > 1})
