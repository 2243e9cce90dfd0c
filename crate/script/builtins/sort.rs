//! `sorted` and `list.sort`: a stable sort by the script's own comparisons, with `key` and `reverse`.

use super::*;

thread_local! {
    /// Keys the evaluator made for the sort it is calling, from the script's key function (see
    /// `interp::keyed`): the sort takes them instead of calling the key itself.
    static MADE: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
}

/// Hands the next sort its keys, made already (empty: none).
pub(crate) fn keys_made(keys: Vec<Value>) {
    MADE.with(|m| *m.borrow_mut() = keys);
}

/// Sorts `items` as `list.sort(key=…, reverse=…)` does, the keywords given in `kw`.
pub fn sort(interp: &Interp, items: &mut [Value], kw: &[(Name, Value)]) -> PyResult<()> {
    let key = kwarg(kw, "key").filter(|k| !matches!(k, Value::None));
    // An int (a bool is one), as CPython's `reverse` is read.
    let reverse = match kwarg(kw, "reverse") {
        None => false,
        Some(r @ (Value::Int(_) | Value::Bool(_))) => r.truthy(),
        Some(r) => return Err(type_error("'", &r, "' object cannot be interpreted as an integer")),
    };
    let made = MADE.with(|m| std::mem::take(&mut *m.borrow_mut()));
    let keys: Vec<Value> = match &key {
        Some(_) if !made.is_empty() && made.len() == items.len() => made,
        Some(f) => {
            let mut keys = Vec::with_capacity(items.len());
            for v in items.iter() {
                keys.push(interp.call_sync(f.clone(), vec![v.clone()])?);
            }
            keys
        }
        None => items.to_vec(),
    };
    // As CPython's: the list reversed, sorted stably, reversed again (equal items keep their
    // order); its order kept as far as the sort got when a comparison fails.
    let mut order: Vec<usize> = (0..items.len()).collect();
    if reverse {
        order.reverse();
    }
    let mut lt = |a: usize, b: usize| interp.compare(CmpOp::Lt, &keys[a], &keys[b]);
    let sorted = if order.len() < 64 {
        sort_small(&mut order, &mut lt)
    } else {
        let mut error = None;
        sort_stable(&mut order, &mut |a, b| {
            lt(a, b).unwrap_or_else(|e| {
                error.get_or_insert(e);
                false
            })
        });
        error.map_or(Ok(()), Err)
    };
    if reverse {
        order.reverse();
    }
    let mut in_order = Vec::with_capacity(order.len());
    for i in order {
        in_order.push(items[i].clone());
    }
    items.clone_from_slice(&in_order);
    sorted
}

/// CPython's `list.sort` of fewer than 64 items, comparison for comparison: the run at the
/// start (`count_run`: a strictly falling one is reversed), then each item after it put in
/// place by binary search (`binarysort`). What a script's `__lt__` prints, and which pair of a
/// mixed list fails first, are CPython's. Stops at the first error.
fn sort_small(v: &mut [usize], lt: &mut dyn FnMut(usize, usize) -> PyResult<bool>) -> PyResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let mut run = 2;
    if lt(v[1], v[0])? {
        while run < n && lt(v[run], v[run - 1])? {
            run += 1;
        }
        v[..run].reverse();
    } else {
        while run < n && !lt(v[run], v[run - 1])? {
            run += 1;
        }
    }
    for start in run..n {
        let pivot = v[start];
        let (mut l, mut r) = (0, start);
        while l < r {
            let p = l + ((r - l) >> 1);
            if lt(pivot, v[p])? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        v.copy_within(l..start, l + 1);
        v[l] = pivot;
    }
    Ok(())
}

/// Sorts `v` stably by `less`. Up to 20 items it is std's `sort_by` step for step (an insertion sort that makes the
/// same comparisons, so which of a mixed list's errors comes first, or what a script's `__lt__` prints, stays as it
/// was), beyond that a merge sort of the halves; std's own sort added 4 KB to the gzipped wasm.
pub(crate) fn sort_stable(v: &mut [usize], less: &mut dyn FnMut(usize, usize) -> bool) {
    let n = v.len();
    if n <= 20 {
        for i in 1..n {
            let tail = v[i];
            let mut j = i;
            while j > 0 && less(tail, v[j - 1]) {
                v[j] = v[j - 1];
                j -= 1;
            }
            v[j] = tail;
        }
        return;
    }
    let mid = n / 2;
    sort_stable(&mut v[..mid], less);
    sort_stable(&mut v[mid..], less);
    // Halves already in order (a sorted list) need no merge: n comparisons in all, as driftsort's.
    if !less(v[mid], v[mid - 1]) {
        return;
    }
    let left = v[..mid].to_vec();
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < left.len() && j < n {
        // An equal right item stays after the left one.
        if less(v[j], left[i]) {
            v[k] = v[j];
            j += 1;
        } else {
            v[k] = left[i];
            i += 1;
        }
        k += 1;
    }
    v[k..k + left.len() - i].copy_from_slice(&left[i..]);
}

#[cfg(test)]
mod tests {
    use super::sort_stable;

    #[test]
    fn sort_stable_sorts_as_std_and_asks_what_std_asked_up_to_20_items() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut rnd = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        for round in 0..3000 {
            let n = if round % 3 == 0 { rnd(200) } else { rnd(21) } as usize;
            let m = rnd(9) + 1;
            let keys: Vec<u64> = (0..n).map(|_| rnd(m)).collect();
            let (mut want, mut want_asked) = ((0..n).collect::<Vec<usize>>(), vec![]);
            want.sort_by(|&a, &b| {
                want_asked.push((a, b));
                keys[a].cmp(&keys[b])
            });
            let (mut got, mut asked) = ((0..n).collect::<Vec<usize>>(), vec![]);
            sort_stable(&mut got, &mut |a, b| {
                asked.push((a, b));
                keys[a] < keys[b]
            });
            assert_eq!(got, want, "{keys:?}");
            if n <= 20 {
                assert_eq!(asked, want_asked, "{keys:?}");
            }
        }
        // A sorted list takes about one comparison per item; a reversed one comes out reversed.
        let mut asked = 0;
        let mut v: Vec<usize> = (0..1000).collect();
        sort_stable(&mut v, &mut |a, b| {
            asked += 1;
            a < b
        });
        assert!(v.iter().copied().eq(0..1000) && asked < 1100, "{asked}");
        sort_stable(&mut v, &mut |a, b| a > b);
        assert!(v.iter().copied().eq((0..1000).rev()));
    }
}
