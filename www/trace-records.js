// The trace records' wire contract for the page's readers: everything in wire.js (generated from
// the crate's definitions: the record layout, kinds, wake causes, argument codes and run bounds),
// plus the lookups built on it. Never define a wire value here: add it to crate/wire/ instead.

import { WAKE_CAUSE } from './wire.js';

export * from './wire.js';

// WAKE_CAUSE as an array: read for every WAKE and WAIT record, an index beats a key lookup.
const CAUSE_BY_CODE = Array.from({ length: Math.max(...Object.keys(WAKE_CAUSE).map(Number)) + 1 },
  (_, code) => WAKE_CAUSE[code] ?? 'other');
/** A WAKE's or WAIT's `a` → the cause's name ('other' for a code the page does not know). */
export const causeOf = (code) => (code < CAUSE_BY_CODE.length ? CAUSE_BY_CODE[code] : 'other');
