# slice.indices; pop ve sort argümanlarını boş listeye bakmadan önce denetler.
dilim = slice(1, 5, 2)
print(dilim.indices(4), slice(None, None, -1).indices(5), slice(-10, 10).indices(3))
hastalar = ["Ayşe", "Can", "Deniz", "Ece", "Fatma"]
print(hastalar[dilim], [hastalar[i] for i in range(*dilim.indices(len(hastalar)))])
for f in (lambda: slice(1, 2, 0).indices(3), lambda: slice(1, 2).indices(-1),
          lambda: [].pop("0"), lambda: [3, 1].sort(reverse=None), lambda: sorted([3, 1], reverse=2.5)):
    try:
        print(f())
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__, e)
print(sorted([1, 3, 2], reverse=2), sorted(hastalar, key=len, reverse=True))
