# More of bytes: split with maxsplit, hex with a separator, fromhex, splitlines, the ASCII case
# methods, int() of bytes and the codec errors' attributes; unknown codecs are LookupErrors.
for s in [b"a b  c  ", b"  x\ty z ", b"", b"   "]:
    for m in (0, 1, 2, -1):
        print(s.split(maxsplit=m), s.rsplit(maxsplit=m), s.split(None, m))
print(b"abc".hex("-"), b"abcdef".hex(":", 2), b"abcde".hex(":", -2), bytes.fromhex("c3a7 41"))
print(b"hello world".title(), b"hEllo".swapcase(), b"hello".capitalize(), b"a\nb\r\nc\rd".splitlines(), b"a\nb\n".splitlines(True))
print(b"abc".find(98), b"abc".count(99), b"x".center(5, b"*"), b"7".zfill(3), b"ab".removeprefix(b"a"))
print(int(b"42"), float(b"1.5"), list(reversed(b"abc")))
try:
    int(b"x1")
except ValueError as e:
    print(e)
try:
    "ş".encode("ascii")
except UnicodeEncodeError as e:
    print(e.encoding, e.start, e.end, e.reason, e.object)
try:
    b"a\xffb".decode()
except UnicodeDecodeError as e:
    print(e.encoding, e.start, e.end, e.reason, e.object)
print(b"a\xff\xfeb\xc3".decode("utf-8", "replace"), b"a\xffb".decode("ascii", "ignore"), "abc".encode("ascii", "bogus"))
try:
    "x".encode("bogus")
except LookupError as e:
    print(e)
try:
    "ş".encode("ascii", "bogus")
except LookupError as e:
    print(e)
