// The script-mode phase of `make bench`: the same two Python programs in Loopscope's
// interpreter (in tests/bench/bench.html, real time, trace on, as the page runs them) and in
// CPython (python3, 3.11+) on the same machine, in the same run.
//
//   yield: 1,000 tasks × 1,000 `await asyncio.sleep(0)`, gathered: ns per yield
//   cpu:   a prime count to 200,000 by trial division inside a coroutine: ms
//
// Each figure is the median of ROUNDS runs. CPython times itself with perf_counter around the
// whole program; the page times startScript to runFinished.

import { spawnSync } from 'node:child_process';

export const ROUNDS = 3;
export const YIELD_TASKS = 1_000;
export const YIELD_COUNT = 1_000;
export const TARGET_YIELD_VS_CPYTHON = 0.5;
export const TARGET_CPU_VS_CPYTHON = 3;

export const PROGRAMS = {
  yield: `import asyncio


async def worker():
    for _ in range(${YIELD_COUNT}):
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(*(worker() for _ in range(${YIELD_TASKS})))


asyncio.run(main())
`,
  cpu: `import asyncio


def count_primes(limit):
    count = 0
    for n in range(2, limit):
        i = 2
        prime = True
        while i * i <= n:
            if n % i == 0:
                prime = False
                break
            i += 1
        if prime:
            count += 1
    return count


async def main():
    print(count_primes(200_000))


asyncio.run(main())
`,
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** ms CPython takes to run `source`, median of ROUNDS runs. */
export function cpythonMs(source) {
  const timed = `import time as _t\n_t0 = _t.perf_counter()\n${source}\nprint("elapsed", (_t.perf_counter() - _t0) * 1000)\n`;
  const xs = [];
  for (let i = 0; i < ROUNDS; i++) {
    const r = spawnSync('python3', ['-'], { input: timed, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr || r.error}`);
    const m = /elapsed ([0-9.]+)/.exec(r.stdout);
    if (!m) throw new Error(`python3 printed no time: ${r.stdout}`);
    xs.push(Number(m[1]));
  }
  return median(xs);
}

/** ms Loopscope's interpreter takes in the bench page, median of ROUNDS runs. */
export async function loopscopeMs(inPage, source) {
  const xs = [];
  for (let i = 0; i < ROUNDS; i++) {
    xs.push(await inPage(`script round ${i + 1}`, (src) => window.loopscopeBench.script(src), source));
  }
  return median(xs);
}
