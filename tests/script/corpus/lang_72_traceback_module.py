# The traceback module, as error-handling tutorials log a failure and go on.
import traceback


def parse(text):
    return int(text)


def load(items):
    try:
        return [parse(x) for x in items]
    except ValueError as e:
        raise RuntimeError("kayıt okunamadı") from e


try:
    load(["1", "iki"])
except RuntimeError as e:
    e.add_note("dosya: hastalar.txt")
    traceback.print_exception(e)
    pieces = traceback.format_exception(e)
    print(len(pieces), repr(pieces[-2]), repr(pieces[-1]))
    print(traceback.format_exception_only(e))
    print("".join(traceback.format_exception(type(e), e, e.__traceback__)) == "".join(pieces))

try:
    {}["görev"]
except KeyError:
    print(traceback.format_exc().splitlines()[-1])
print("devam")
