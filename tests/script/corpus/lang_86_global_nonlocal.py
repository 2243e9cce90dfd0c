# global and nonlocal where CPython accepts them: in a loop's body, for several names at
# once, through a class body to the function around it, a nonlocal two functions deep, in a
# try body before its handler names it, and in one case of a match whose later guard reads it.
sayac = 0


def artir():
    global sayac
    sayac += 1


def hesap(a):
    y = 1

    def ic():
        nonlocal y, a
        y += 1
        a = 5

    ic()

    class Kutu:
        y = 3

        def oku(self):
            nonlocal y
            return y

    return Kutu().oku(), a


def dongu():
    for i in range(3):
        global son
        son = i
    kareler = [sayac * sayac for sayac in range(3)]
    global liste
    liste = kareler


def dis():
    v = 1

    def orta():
        nonlocal v

        def en_ic():
            nonlocal v
            v = 9

        en_ic()

    orta()
    return v


artir()
artir()
dongu()
print(sayac, hesap(1), son, liste, dis())


E = ValueError
count = 0


def f(x):
    try:
        global E
        raise E("a")
    except E:
        print("yakalandı")


def g(cmd):
    match cmd:
        case "inc":
            global count
            count += 1
        case "show" if count > 0:
            print("count", count)
        case other:
            print("other", other)


f(1)
g("inc")
g("show")
g("zzz")
