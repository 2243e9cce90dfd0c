# Sık yapılan bir yazım hatası: super().__init__ yerine super.__init__
class Hasta:
    def __init__(self, ad):
        self.ad = ad


class AcilHasta(Hasta):
    def __init__(self, ad, öncelik):
        super.__init__(ad)
        self.öncelik = öncelik


h = AcilHasta("Ayşe", 1)
print(h.ad)
