count = 3
if count > 2
    print("many")
