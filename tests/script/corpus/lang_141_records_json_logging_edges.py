# Kayıtlar, JSON ve logging'in kenar durumları: enum anahtarlar, bytes'tan okuma, paylaşılan varsayılan, yanlış anahtar sözcük.
import json
import logging
from dataclasses import dataclass, field, is_dataclass
from enum import IntEnum


class Sıra(IntEnum):
    BİRİNCİ = 1
    İKİNCİ = 2


print(json.dumps({Sıra.BİRİNCİ: "Ayşe", Sıra.İKİNCİ: "Ali"}, ensure_ascii=False))
print(json.loads('{"hasta": "Çağla", "yaş": 7}'.encode()))


@dataclass
class Hasta:
    ad: str
    ilaçlar: list = field(default_factory=list)


print(is_dataclass(Hasta), is_dataclass(Hasta("Ece")), is_dataclass("Ece"))
try:

    @dataclass
    class Bekleme:
        hastalar: list = field(default=[])

except ValueError as e:
    print("ValueError:", e)

try:
    logging.basicConfig(lvl=logging.INFO)
except ValueError as e:
    print("ValueError:", e)
logging.basicConfig(format="{levelname}: {message}", style="{")
logging.basicConfig(format="%(levelname)s - %(message)s", force=True)
logging.warning("zorla yeniden ayarlandı")
