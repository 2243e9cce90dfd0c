stock = {"apples": 3, "pears": 0}


def take(fruit):
    stock[fruit] -= 1
    return stock[fruit]


print(take("apples"))
print(take("plums"))
