# Messages from a queue matched by shape: each item of an open sequence takes its own `as`,
# and the errors a learner meets around calls and patterns, in CPython's words.
import asyncio


def randevu(hasta, *, saat, oda=1):
    return f"{hasta} {saat}:00 oda {oda}"


async def işle(mesajlar):
    for mesaj in mesajlar:
        match mesaj:
            case ("acil" | "öncelikli") as tür, hasta, *_:
                print(tür, "->", hasta)
            case "randevu", (int() | float()) as saat:
                print("randevu saati", saat)
            case ("iptal", str() as hasta) as bütün:
                print("iptal", hasta, bütün)
            case _:
                print("bilinmiyor", mesaj)
        await asyncio.sleep(0)


async def main():
    await işle([("acil", "Ali", 3), ("randevu", 14), ("iptal", "Ayşe"), ("öncelikli", "Can"), ("randevu", "x")])
    print(randevu("Ali", saat=9))
    try:
        randevu("Ali", 9, saat=10)
    except TypeError as e:
        print(e)
    try:
        randevu("Ali", 9, 1, saat=10, oda=2)
    except TypeError as e:
        print(e)
    tür = "int"
    match 3:
        case tür():
            pass


asyncio.run(main())
