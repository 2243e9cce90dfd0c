# Bir kalıpta aynı ad iki kez bağlanamaz: CPython bunu program çalışmadan önce reddeder.
match [3, 3]:
    case [x, x]:
        print("ikiz", x)
