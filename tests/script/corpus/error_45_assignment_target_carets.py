# Atanamayan hedefler: CPython'un imleçleri hedefin tamamının altında.
def kaydet(hasta):
    global hasta
    return hasta
