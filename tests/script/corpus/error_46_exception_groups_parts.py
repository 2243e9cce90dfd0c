# Görev hataları gruplar halinde: bir grubun parçaları, CPython'unki gibi.
import asyncio


class KlinikHatalari(ExceptionGroup):
    """Kendi derive'ı olan bir grup: parçaları da KlinikHatalari olur."""

    def derive(self, excs):
        print("  derive:", len(excs), "hata")
        return KlinikHatalari(self.message + " (parça)", excs)


async def hasta(no):
    await asyncio.sleep(0.1 * no)
    if no % 2:
        raise ValueError(f"hasta {no}: tahlil eksik")
    raise KeyError(f"hasta {no}")


async def main():
    sonuclar = await asyncio.gather(*(hasta(n) for n in range(1, 4)), return_exceptions=True)
    grup = KlinikHatalari("klinik", sonuclar)
    grup.add_note("sabah vardiyası")
    print(grup)
    print(issubclass(ExceptionGroup, BaseExceptionGroup), isinstance(grup, BaseExceptionGroup))
    degerler, kalan = grup.split(ValueError)
    print(type(degerler).__name__, degerler.message, degerler.__notes__, degerler.__suppress_context__)
    print(type(kalan).__name__, kalan, kalan.__notes__ is not grup.__notes__)
    print(ExceptionGroup("demetle", (ValueError("x"),)))
    try:
        grup.message = "başka"
    except AttributeError as e:
        print("AttributeError:", e)
    try:
        raise grup
    except BaseExceptionGroup as e:
        print("yakalandı:", type(e).__name__)
    print(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "geçersiz bayt"))
    try:
        "çay".encode("ascii")
    except UnicodeEncodeError as e:
        print(repr(e), e.start, e.end)


asyncio.run(main())
try:
    raise ExceptionGroup("nöbet", [ValueError(1), KeyError(2)])
except* ValueError as eg:
    raise eg
