# A bare except: before a named one: CPython's compiler refuses the program before it runs.
print("bu satır hiç yazılmaz")

try:
    sayi = int("on iki")
except:
    print("bir şey oldu")
except ValueError:
    print("sayı değil")
