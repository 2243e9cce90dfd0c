# dir() of the built-in types and their values, as learners list what a str or a list offers.
print(dir(str))
metin = "Merhaba Dünya"
yontemler = [m for m in dir(metin) if not m.startswith("_")]
print(len(yontemler), yontemler[:8])
print([m for m in dir(list) if not m.startswith("_")])
print([m for m in dir({}) if not m.startswith("__")])
print(dir(int) == dir(True), "bit_count" in dir(5), "is_integer" in dir(2.5))
print(sorted(set(dir(tuple)) - set(dir(object))))
print([m for m in dir(set()) if "update" in m], "hex" in dir(b""))
