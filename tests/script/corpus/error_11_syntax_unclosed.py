print("this line is never run")
names = ["ann", "ben"]
print(", ".join(names)
print("done")
