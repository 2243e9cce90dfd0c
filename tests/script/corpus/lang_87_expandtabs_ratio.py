# str.expandtabs (a table of patients' waiting times) and a number's exact fraction.
satirlar = ["hasta\tbekleme\tdurum", "Ayşe\t1.5\tiyileşti", "Mehmet Ali\t0.25\tbekliyor"]
for s in satirlar:
    print(s.expandtabs(12))
print(repr("a\tbc\td".expandtabs()), repr("12345\t6\n\tx".expandtabs(tabsize=3)))
print(repr("x\ty".expandtabs(0)), repr("ab\r\tc".expandtabs(2)))

for sayi in (0.5, 2.75, -0.1, 3.0, 0.0, 1e10, 7):
    print(sayi, sayi.as_integer_ratio())
print((1.5).imag, (2).imag)
for kotu in ("nan", "inf"):
    try:
        float(kotu).as_integer_ratio()
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    "a".expandtabs(1, 2)
except TypeError as e:
    print(e)
