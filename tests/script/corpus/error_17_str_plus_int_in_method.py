class Item:
    def __init__(self, name, price):
        self.name = name
        self.price = price

    def __str__(self):
        return self.name + ": " + self.price + " TL"

print("creating")
print(Item("kalem", 5))
