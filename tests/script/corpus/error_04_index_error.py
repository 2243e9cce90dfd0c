queue = ["first", "second"]
print(queue[1])
print(queue[-2])
print(queue[2])
