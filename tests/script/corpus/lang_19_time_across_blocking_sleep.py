import time

start = time.time()
t0 = time.perf_counter()
m0 = time.monotonic()
time.sleep(0.3)
print(f"time.time delta: {time.time() - start:.1f}")
print(f"perf_counter delta: {time.perf_counter() - t0:.2f}")
print(f"monotonic delta: {round(time.monotonic() - m0, 1)}")
print(type(time.time()).__name__, time.time() > 1_600_000_000)
for i in range(3):
    print("adım", i)
    time.sleep(0.1)
elapsed = time.perf_counter() - t0
print("toplam:", round(elapsed, 1), "s")
print(int(time.perf_counter_ns() // 1e9 >= 0) if hasattr(time, "perf_counter_ns") else "-")
