// The records a reader has copied out of the runtime's trace ring but not folded yet. The ring
// holds only the newest traceCapacity() records, so a reader that folds against a per-frame
// budget (runtime.js pull) would have to fold a whole burst in one frame before the runtime
// writes over it (frames of up to 110 ms at 100,000 tasks). Copying a record is
// a memcpy of its 32 bytes, far cheaper than folding it, so what a frame's budget leaves in
// the ring is copied here and folded in the next frames: no record is lost and no frame folds
// more than its budget. Pure (typed arrays in, typed arrays out), like trace-fold.js.

import { RECORD_U32 } from './trace-records.js';

/**
 * An empty backlog of `capacity` records. It has the shape ingest reads (trace-fold.js): record
 * `i` (a global index, as in the ring) is in slot i % capacity, and it holds the records before
 * `head`, back to its reader's cursor.
 */
export function createBacklog(capacity) {
  const u32 = new Uint32Array(capacity * RECORD_U32);
  return { f64: new Float64Array(u32.buffer), u32, capacity, head: 0 };
}

/**
 * Makes the backlog hold records [from, head), `from` being the reader's cursor (what it held
 * before that is folded already): copies from `ring` ({u32, capacity}) those it does not hold
 * yet, which the ring must still hold. Grows the backlog (doubling) when they would not fit.
 */
export function keepRecords(backlog, ring, from, head) {
  if (backlog.head < from) backlog.head = from; // empty: it starts at the reader
  if (head - from > backlog.capacity) grow(backlog, from, head - from);
  copy(backlog, ring, backlog.head, head);
  backlog.head = head;
}

function grow(backlog, from, records) {
  let capacity = backlog.capacity;
  while (capacity < records) capacity *= 2;
  const bigger = createBacklog(capacity);
  copy(bigger, backlog, from, backlog.head);
  Object.assign(backlog, { f64: bigger.f64, u32: bigger.u32, capacity });
}

/** Copies records [from, to) of `src` into `dst`, both indexed by i % capacity, in contiguous runs. */
function copy(dst, src, from, to) {
  for (let i = from; i < to;) {
    const s = i % src.capacity;
    const d = i % dst.capacity;
    const n = Math.min(to - i, src.capacity - s, dst.capacity - d);
    // Same element type: set copies the bytes as they are (a NaN's payload included).
    dst.u32.set(src.u32.subarray(s * RECORD_U32, (s + n) * RECORD_U32), d * RECORD_U32);
    i += n;
  }
}
