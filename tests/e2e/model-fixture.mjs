// The page's model built from synthetic records in the layout of crate/trace/record.rs, for
// the pure tests of www/ (no browser).

import { KIND } from '../../www/trace-records.js';
import { createModel, fold } from '../../www/trace-fold.js';

/**
 * A model of run `run` that starts at runtime ms `start` (its RUN_START names the text ids
 * `lesson` and `variant`), fed with `records` ([time ms, kind, task, a, b]). Tick records go
 * to run 0, as the runtime writes them. Other options (speed, virtual) go to createModel.
 */
export function modelFrom(records, { run, text, start = 0, lesson, variant, ...options }) {
  const model = createModel({ runId: run, ...options });
  fold(model, { time: start, kind: KIND.RUN_START, run, task: 0, a: lesson, b: variant }, text);
  for (const [time, kind, task, a = 0, b = 0] of records) {
    const tick = kind === KIND.TICK_START || kind === KIND.TICK_END;
    fold(model, { time, kind, run: tick ? 0 : run, task, a, b }, text);
  }
  return model;
}
