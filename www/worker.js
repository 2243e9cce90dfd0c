// The blocking lesson's Web Worker: the browser's `asyncio.to_thread`. A worker has its own
// thread and its own event loop, so a CPU-bound job here never holds the page's loop.
//
// Protocol: the lesson posts a number, the job's length in milliseconds of real time; the
// worker counts primes for that long and posts back { below, found }: `found` primes below
// `below`. Same algorithm and batch size as `PrimeCount` in crate/lessons/blocking.rs, so the
// loop, counting up to the same `below`, finds the same number.
//
// Plain classic script on purpose: it may also start from a Blob URL of this very text (the
// single-file build, the browser tests), where module imports would not resolve.
'use strict';

const BATCH = 256; // candidates checked between two clock reads, as in blocking.rs
const MAX_MS = 10000; // never run longer than this, whatever arrives (the lesson caps at 2500)

function isPrime(n) {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) {
    if (n % d === 0) return false;
  }
  return true;
}

self.onmessage = (event) => {
  const ms = Math.min(Math.max(Number(event.data) || 0, 0), MAX_MS);
  const until = performance.now() + ms;
  let below = 2;
  let found = 0;
  do {
    for (let i = 0; i < BATCH; i += 1) {
      if (isPrime(below)) found += 1;
      below += 1;
    }
  } while (performance.now() < until);
  self.postMessage({ below, found });
};
