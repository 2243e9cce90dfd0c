# A string compared with "is": CPython warns, then finds the equal constants of one module to
# be one object; a string built at run time is another object, and (*x) needs a comma
def durum_mu(durum):
    return durum is "hazır", durum == "hazır"

print(durum_mu("hazır"))
print(durum_mu("".join(["ha", "zır"])))
sayilar = [1, 2]
print((*sayilar,))
