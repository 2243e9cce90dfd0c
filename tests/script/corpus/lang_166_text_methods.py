# String methods at their edges: rsplit from the right, title() after uncased letters,
# isalpha of numerals, %-formatting of objects that say what number they are.
class Tutar:
    def __init__(self, kurus):
        self.kurus = kurus

    def __index__(self):
        return self.kurus

    def __float__(self):
        return self.kurus / 100


print("aaa".rsplit("aa"), "1..2...3".rsplit(".."), "a,b,,c".rsplit(",", -1), "x y  z".rsplit(None, 1))
print("中a hello-world o'neil İSTANBUL'DA".title())
print("Ⅻ".isalpha(), "Ⅻ".isalnum(), "çağ".isalpha(), "x2".isalnum())
t = Tutar(1250)
print("%d kuruş = %.2f TL, onaltılı %x" % (t, t, t))
