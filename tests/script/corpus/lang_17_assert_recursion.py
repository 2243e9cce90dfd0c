def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def hanoi(n, src, dst, via, moves):
    if n:
        hanoi(n - 1, src, via, dst, moves)
        moves.append(f"{src}->{dst}")
        hanoi(n - 1, via, dst, src, moves)
    return moves

def flatten(x):
    if isinstance(x, list):
        return [y for item in x for y in flatten(item)]
    return [x]

print(fact(10), fact(25))
print([fib(i) for i in range(15)])
print(hanoi(3, "A", "C", "B", []))
print(flatten([1, [2, [3, [4]], 5]]))

def check(age):
    assert age >= 0, f"age must be non-negative, got {age}"
    return age

print(check(5))
try:
    check(-1)
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert 1 + 1 == 3
except AssertionError as e:
    print("bare assert:", repr(e))

def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(500))
