// The trace records' wire contract, as crate/trace/record.rs writes them into the ring: the
// layout of a record, its kinds, the POLL record's flag bits and the wake causes.
//
// Record layout (crate/trace/record.rs): 32 bytes = 4 f64 slots = 8 u32 slots.
//   f64[0] time ms · u32[2] seq · u32[3] kind · u32[4] run · u32[5] task · u32[6] a · u32[7] b

export const RECORD_F64 = 4; // f64 slots per record
export const RECORD_U32 = 8; // u32 slots per record

export const KIND = Object.freeze({
  RUN_START: 1, RUN_END: 2, SPAWN: 3, POLL_START: 4, POLL_END: 5, WAKE: 6,
  CANCEL: 7, FINISH: 8, PRINT: 9, SLEEP: 10, TICK_START: 11, TICK_END: 12, WAIT: 13,
  PAUSE: 14, POLL: 15, SPAWNED: 16,
});

/** POLL record `b` bits: the task finished (a FINISH follows); it woke itself (a WAKE comes between). */
export const POLL_FINISHED = 1;
export const POLL_WOKE_ITSELF = 2;

/** WAKE record `a` → cause name. */
export const WAKE_CAUSE = Object.freeze({
  1: 'timer', 2: 'task', 3: 'channel', 4: 'self', 5: 'io', 6: 'external', 7: 'hold',
});

/** Cause name → WAKE record `a` (for the WAKEs a folded record stands for). */
export const WAKE_CODE = Object.freeze(
  Object.fromEntries(Object.entries(WAKE_CAUSE).map(([code, name]) => [name, Number(code)])),
);

// WAKE_CAUSE as an array: read for every WAKE and WAIT record, an index beats a key lookup.
const CAUSE_BY_CODE = Array.from({ length: 8 }, (_, code) => WAKE_CAUSE[code] ?? 'other');
export const causeOf = (code) => (code < CAUSE_BY_CODE.length ? CAUSE_BY_CODE[code] : 'other');
