# Kaynakta yok: "bu hasta iyileşmeden başka kimseye bakmam" diyen doktor.
import asyncio
import random
import time

MUAYENE = 0.04       # saniye: muayene gerçek iştir, döngüyü tutar
ILAC = 1             # saniye: ilacın etki etmesi için geçen süre
IYILESME = 0.5       # bir kontrolde iyileşme olasılığı
EN_COK_KONTROL = 5   # her çalıştırma bitsin diye


def examine():
    time.sleep(MUAYENE)


async def patient(number):
    examine()
    print(f"Hasta {number} muayene edildi, ilacı yazıldı")
    for checkup in range(1, EN_COK_KONTROL + 1):
        await asyncio.sleep(ILAC)
        examine()
        if random.random() < IYILESME:
            print(f"Hasta {number} {checkup}. kontrolde iyileşti")
            return
        if checkup < EN_COK_KONTROL:
            print(f"Hasta {number} iyileşmedi, yeni ilaç yazıldı")
    print(f"Hasta {number} {EN_COK_KONTROL} kontrolde de iyileşmedi, uzmana sevk edildi")


async def sync_doctor():
    print("Doktor muayeneye başladı")
    for n in range(1, 5):
        await patient(n)  # bu hasta bitmeden sıradaki alınmaz
    print("Bütün hastalar gitti, doktor işini bitirdi")


asyncio.run(sync_doctor())
