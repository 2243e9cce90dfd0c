# Bir nesne kendisine eşittir: in, count, index ve remove önce kimliğe bakar (NaN da bulunur).
import math


class Hasta:
    def __init__(self, ad):
        self.ad = ad

    def __eq__(self, other):
        return False  # hiçbir şeye eşit değil, kendisine bile


ali = Hasta("Ali")
liste = [ali, math.nan]
print(ali in liste, liste.count(ali), liste.index(ali), math.nan in liste, liste.index(math.nan))
print(ali in (ali,), ali in {"k": ali}.values(), Hasta("Ali") in liste)
liste.remove(math.nan)
print(len(liste), [x.ad for x in liste])
