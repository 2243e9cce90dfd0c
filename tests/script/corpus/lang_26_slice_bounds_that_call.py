# Slices whose bounds call a function or await: the halves of a list, its tail, a window.
import asyncio

patients = ["Ali", "Ayşe", "Mehmet", "Zeynep", "Can"]
half = patients[:len(patients) // 2]
print(half, patients[len(patients) // 2:])
print(patients[max(0, len(patients) - 2):])
print("abcdef"[len("ab"):len("abcd")], patients[::len(half)])

queue = [1, 2, 3]
queue[len(queue):] = [4, 5]
print(queue)
del queue[:min(2, len(queue))]
print(queue)

async def how_many():
    await asyncio.sleep(0.05)
    return 2

async def main():
    first = patients[:await how_many()]
    print("first", first)
    patients[await how_many():] = ["-"]
    print(patients)

asyncio.run(main())
