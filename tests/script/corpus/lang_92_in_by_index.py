# 'in' on a class with only __getitem__, asked item by item up to the first equal one.
class K:
    def __getitem__(self, i):
        print("get", i)
        if i > 5: raise IndexError
        return i
print(2 in K(), 9 in K())
