# format() and pow() with a modulus, as a learner's checksum or table would use them.
print(format(3.14159, ".2f"), format(42, "08b"), format("x", ">3"), format(1234567, ","))
print(format(0.5, "%"), format(True), format(None), format(7), repr(format(7, "")))
for name, secs in [("fetch", 2.0), ("parse", 0.25)]:
    print(format(name, "<8") + format(secs, ">6.2f") + " s")
print(pow(2, 100, 7), pow(3, -1, 7), pow(-3, 5, 7), pow(5, 3, -7), pow(10, 0, 1), pow(2, 10, None))
print(pow(123456789, 987654321, 1000000007))
for bad in [lambda: pow(2, 3, 0), lambda: pow(2, -1, 4), lambda: pow(2.0, 3, 5), lambda: format(1, 2), lambda: format([1], "x")]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
