# Bytes: what encode gives, what decode takes back, and the errors a learner meets.
metin = "Çay demlendi, şeker ister misin?"
veri = metin.encode()
print(veri)
print(type(veri).__name__, len(metin), "karakter,", len(veri), "bayt")
print(veri[:4], veri[0], list(veri[:3]), veri.hex()[:12])
print(veri.decode() == metin, str(veri[:5], "utf-8"))
print(b"kahve" + b" " + b"cay", b"-" * 5, b"ca" in b"cay", 97 in b"cay")
print(b"a,b,,c".split(b","), b"  bosluk  ".strip(), b"\t\x00\xff'")
print("ğüşiöç".encode("latin-1", "replace"), "İ".encode("ascii", "ignore"))
print(bytes(3), bytes([72, 105]), bytes("ö", "utf-8"), b"Mer" < b"Merhaba")
for veri, kod in [(b"\xc3", "utf-8"), (b"\xff\xfe", "utf-8"), ("ı".encode(), "ascii")]:
    try:
        veri.decode(kod)
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
try:
    "Işık".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
try:
    b"sayi: " + 5
except TypeError as e:
    print("TypeError:", e)
print(veri.decode("utf-8"))
