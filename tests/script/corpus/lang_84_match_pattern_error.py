# A class pattern with more sub-patterns than the class's __match_args__ fails on the case's
# line, its carets under the pattern, as CPython reports it.
class Kutu:
    def __init__(self, w):
        self.w = w


komut = Kutu(3)
match komut:
    case int(x):
        print("int")
    case Kutu(w):
        print(w)
