//! Dicts (and sets' storage): entries in insertion order, found by a hash of a normalised key.

use super::*;

/// A dict (and a set's storage): entries in insertion order, found by a hash of the key.
#[derive(Default, Clone)]
pub struct Dict {
    entries: Vec<Option<(Value, Value)>>,
    index: HashMap<Key, usize>,
    live: usize,
    /// For a set made by a display of three or more constants (`{3, 1, 2}`): how many of its
    /// first elements it held then. CPython builds those as a constant first (see `set_order`).
    pub display: usize,
    /// What `d[key]` gives for a key it lacks: a `KeyError`, unless it is a `collections` dict.
    pub missing: Missing,
    /// A set's removals since its last compaction, in order, and its table's layout at that
    /// compaction: what [`Dict::set_order`] replays (see [`Table`]).
    removed: Vec<Removal>,
    base: Option<Rc<Table>>,
    /// Where a set's next `pop` starts looking in its table, as CPython's `finger`.
    finger: usize,
}

/// One element removed from a set: its entry, how many entries the set had made by then, and
/// its hash (its key is gone).
#[derive(Clone, Copy)]
struct Removal {
    at: usize,
    when: usize,
    hash: u64,
}

/// What `d[key]` gives for a missing key (`__missing__`): the `collections` dicts are dicts
/// with this one difference (and their `repr`, and a `Counter`'s methods).
#[derive(Default, Clone)]
pub enum Missing {
    /// A plain dict: `KeyError`.
    #[default]
    KeyError,
    /// A `defaultdict`: its factory's value, stored under the key (`None`: a `KeyError`).
    Factory(Value),
    /// A `Counter`: 0, not stored.
    Zero,
    /// An `OrderedDict`: a `KeyError`, as a dict's (it differs in its `repr` and methods).
    Ordered,
}

/// A hashable key, normalised so that `1`, `1.0` and `True` are one key, as in Python.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Key {
    /// `None`.
    None,
    /// An int, a bool, or a float with an integral value.
    Int(i64),
    /// Any other float, by its bits.
    Float(u64),
    /// A str.
    Str(Rc<str>),
    /// A bytes object.
    Bytes(Rc<[u8]>),
    /// A tuple of keys.
    Tuple(Vec<Key>),
    /// Anything hashed by identity (functions, classes, instances, tasks).
    Id(usize),
    /// An instance of a class with a `__hash__` of its own: its class, by identity, and the
    /// hash. Two such with equal hashes are one key (CPython also asks their `__eq__`).
    Hashed(usize, i64),
}

impl Dict {
    /// Entries present.
    pub fn len(&self) -> usize {
        self.live
    }

    /// Whether it has no entries.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// The value under `key`.
    pub fn get(&self, key: &Key) -> Option<Value> {
        self.index.get(key).and_then(|&i| self.entries[i].as_ref()).map(|(_, v)| v.clone())
    }

    /// Whether it is a `Counter` (a missing key counts 0).
    pub fn is_counter(&self) -> bool {
        matches!(self.missing, Missing::Zero)
    }

    /// Its entries, the largest count first (a `Counter`'s order: `repr`, `most_common`);
    /// equal counts keep their order. `None` if a count is no number (see `most_common`).
    pub fn by_count(&self) -> Option<Vec<(Value, Value)>> {
        let entries = self.entries();
        let counts: Vec<f64> = entries.iter().map(|(_, v)| v.as_number()).collect::<Option<_>>()?;
        // The built-ins' sort, not std's (a copy of its code per item type and comparison).
        let mut order: Vec<usize> = (0..entries.len()).collect();
        crate::builtins::sort_stable(&mut order, &mut |a, b| counts[b] < counts[a]);
        Some(order.into_iter().map(|i| entries[i].clone()).collect())
    }

    /// Sets `key` (keeping its place if present).
    pub fn insert(&mut self, key: Key, k: Value, v: Value) {
        match self.index.get(&key) {
            Some(&i) => {
                if let Some(e) = self.entries[i].as_mut() {
                    e.1 = v;
                }
            }
            None => {
                self.index.insert(key, self.entries.len());
                self.entries.push(Some((k, v)));
                self.live += 1;
            }
        }
    }

    /// Removes `key`, giving back its value.
    pub fn remove(&mut self, key: &Key) -> Option<Value> {
        let i = self.index.remove(key)?;
        self.live -= 1;
        let out = self.entries[i].take().map(|(_, v)| v);
        if self.entries.len() > 32 && self.live * 2 < self.entries.len() {
            self.compact();
        }
        out
    }

    /// Drops the removed entries' places. From the index's keys: a key is not made again,
    /// which for an instance would run its class's `__hash__` while the dict is borrowed.
    fn compact(&mut self) {
        // A set with removals keeps the layout its table has now, its entries renumbered below.
        let mut layout = if self.removed.is_empty() && self.base.is_none() { None } else { self.table() };
        self.removed.clear();
        let mut renumbered = vec![EMPTY; self.entries.len()];
        // Each key put at its entry's place (no sort: the places are distinct).
        let mut order: Vec<Option<Key>> = Vec::new();
        order.resize_with(self.entries.len(), || None);
        for (key, i) in self.index.drain() {
            order[i] = Some(key);
        }
        let mut entries = Vec::with_capacity(self.live);
        for (i, key) in order.into_iter().enumerate() {
            let Some(key) = key else { continue };
            if let Some(entry) = self.entries[i].take() {
                renumbered[i] = entries.len() as u32;
                self.index.insert(key, entries.len());
                entries.push(Some(entry));
            }
        }
        self.entries = entries;
        if let Some(t) = layout.as_mut() {
            t.slots.iter_mut().filter(|s| **s < DUMMY).for_each(|s| *s = renumbered[*s as usize]);
            t.covered = self.entries.len();
        }
        self.base = layout.map(Rc::new);
    }

    /// The first entry at or after place `from`, with its place.
    pub fn entry_from(&self, from: usize) -> Option<(usize, Value, Value)> {
        let (i, (k, v)) = self.entries.iter().enumerate().skip(from).find_map(|(i, e)| Some((i, e.as_ref()?)))?;
        Some((i, k.clone(), v.clone()))
    }

    /// The entries, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &(Value, Value)> {
        self.entries.iter().filter_map(Option::as_ref)
    }

    /// The entries with their keys as stored, in insertion order: for comparing two dicts or
    /// sets without making a key again, which for an instance would run its class's
    /// `__hash__` while the dicts are borrowed.
    pub fn keyed(&self) -> Vec<(Key, Value, Value)> {
        let mut order: Vec<Option<&Key>> = vec![None; self.entries.len()];
        for (key, &i) in &self.index {
            order[i] = Some(key);
        }
        let mut out = Vec::with_capacity(self.live);
        for (i, key) in order.into_iter().enumerate() {
            let Some(key) = key else { continue };
            if let Some((k, v)) = &self.entries[i] {
                out.push((key.clone(), k.clone(), v.clone()));
            }
        }
        out
    }

    /// Whether it holds the key `key` (as stored in another dict: see [`Dict::keyed`]).
    pub fn has(&self, key: &Key) -> bool {
        self.index.contains_key(key)
    }

    /// Whether both are `OrderedDict`s whose keys come in different orders (which makes them
    /// unequal, where two dicts compare as mappings).
    pub fn order_differs(&self, other: &Dict) -> bool {
        matches!((&self.missing, &other.missing), (Missing::Ordered, Missing::Ordered))
            && !self.keyed().into_iter().map(|k| k.0).eq(other.keyed().into_iter().map(|k| k.0))
    }

    /// The keys, in insertion order.
    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|(k, _)| k.clone()).collect()
    }

    /// A set's elements in the order CPython's set iterates them, for a set of ints, bools,
    /// floats, strs, bytes, tuples of them and objects with a `__hash__` of their own (whose
    /// hashes are CPython's: see [`element_hash`](crate::builtins::element_hash)): where each
    /// lands in its hash table, as
    /// `print({3, 1, 2})` shows `{1, 2, 3}`. Other sets and sets of more than 100,000:
    /// insertion order.
    pub fn set_order(&self) -> Vec<Value> {
        match self.table() {
            Some(t) => t.live().filter_map(|at| self.entries[at].as_ref().map(|(k, _)| k.clone())).collect(),
            None => self.keys(),
        }
    }

    /// A set whose first `n` elements came from a dict's keys (`set(d)`, `{*d}`): CPython sized
    /// its empty table for them first (to hold twice `n`, once `n` would fill 3/5 of the 8
    /// slots), then added them, where keys from any other iterable grow it as they come.
    pub fn presize_for_dict(&mut self, n: usize) {
        if n * 5 >= 7 * 3 {
            self.base = Some(Rc::new(Table::new(size_above(n * 2))));
        }
    }

    /// The set's table as CPython's would be laid out, rebuilt from what was added and removed
    /// in turn, as CPython grows it (8 slots, resized to a power of two above 4 × used once 3/5
    /// of the slots are used or deleted; linear probes of 9, then perturbation; a removal
    /// leaves a dummy that the next element probing past it takes). A display of constants is
    /// built as a frozenset first (and again from its own order when the compiler merges
    /// constants), then merged into the new set: 200 of 200 random displays in the order
    /// CPython printed them. A set made by a set operation starts from the layout that gave
    /// it (see [`Dict::lay_out_set_op`]). `None`: no stable hashes, or too big (the table,
    /// 4 slots per element, would cost more than the set).
    fn table(&self) -> Option<Table> {
        const ORDERED_MAX: usize = 100_000;
        if self.entries.len() > ORDERED_MAX {
            return None;
        }
        // Each entry's hash past what the base holds: a removed one's was kept with its removal.
        let from = self.base.as_ref().map_or(0, |b| b.covered);
        let mut hashes: Vec<Option<u64>> = vec![None; self.entries.len()];
        let mut keys: Vec<Option<&Key>> = vec![None; self.entries.len()];
        for (k, &at) in &self.index {
            keys[at] = Some(k);
        }
        for ((h, e), key) in hashes.iter_mut().zip(&self.entries).zip(keys).skip(from) {
            if let Some((k, _)) = e {
                *h = Some(crate::builtins::element_hash(k, key)? as u64);
            }
        }
        for r in &self.removed {
            hashes[r.at] = Some(r.hash);
        }
        let (mut table, from) = match &self.base {
            Some(base) => (Table::clone(base), from),
            None => self.display_table(&hashes),
        };
        let mut removals = self.removed.iter().peekable();
        for at in from..=self.entries.len() {
            while let Some(r) = removals.next_if(|r| r.when <= at) {
                table.remove(r.at, r.hash);
            }
            if let Some(&Some(h)) = hashes.get(at) {
                table.add(at, h);
            }
        }
        Some(table)
    }

    /// The table after a display's constants (see [`Dict::table`]), and how many entries it holds.
    fn display_table(&self, hashes: &[Option<u64>]) -> (Table, usize) {
        let shown = self.display.min(hashes.len());
        if shown <= 2 || hashes[..shown].iter().any(Option::is_none) {
            return (Table::new(8), 0);
        }
        let hash = |at: usize| hashes[at].unwrap_or(0);
        let mut frozen = Table::new(8);
        (0..shown).for_each(|at| frozen.add(at, hash(at)));
        // The compiler, merging its constants, makes the frozenset again from its own order.
        let mut again = Table::new(8);
        frozen.live().for_each(|at| again.add(at, hash(at)));
        // The new set takes it in: one resize first, then its layout as it stands if the
        // sizes agree, else each element again in its order.
        let size = if shown * 5 >= 7 * 3 { size_above(shown * 2) } else { 8 };
        if size == again.slots.len() {
            return (again, shown);
        }
        let mut table = Table::new(size);
        again.live().for_each(|at| table.place(at, hash(at)));
        (table, shown)
    }

    /// Lays this set (the result of `a op b`, two sets; `in_place`: of `a op= b`, made in
    /// `a` itself) out as CPython's set operations lay out theirs (setobject.c): `|` copies `a`
    /// (its layout, or its elements in its table's order) and merges `b` in, after one resize
    /// for both; `&` adds the smaller's elements the larger holds; `-` adds `a`'s elements `b`
    /// lacks, or copies `a` and discards `b`'s when `a` is over four times as big; `^` copies
    /// `b` and discards or adds `a`'s. In place, `|=`, `-=` and `^=` work on `a`'s own table.
    /// Sets without stable hashes keep the order their elements came in.
    /// `from_set`: `b` was a set; else `b` holds the elements of another iterable in its order
    /// (`a.update(list)`), which CPython adds, keeps or discards one at a time in that order.
    pub fn lay_out_set_op(&mut self, op: char, a: &Dict, b: &Dict, in_place: bool, from_set: bool) {
        let (Some(ta), Some(tb)) = (a.table(), b.table()) else { return };
        // Each element is numbered by its place in this set; one it does not keep, after them.
        let mut ids: HashMap<Key, u32> = self.index.iter().map(|(k, &i)| (k.clone(), i as u32)).collect();
        let mut extra = self.entries.len() as u32;
        let mut renumber = |d: &Dict, t: &Table| -> Table {
            let keys = d.keys_by_entry();
            let mut t = t.clone();
            for slot in t.slots.iter_mut().filter(|s| **s < DUMMY) {
                let key = keys[*slot as usize].clone().unwrap_or(Key::None);
                *slot = *ids.entry(key).or_insert_with(|| {
                    extra += 1;
                    extra - 1
                });
            }
            t
        };
        let (ta, tb) = (renumber(a, &ta), renumber(b, &tb));
        // Which elements each holds, and their hashes, by number: O(1) a look-up.
        let mut hash_of = vec![None; extra as usize];
        let (mut in_a, mut in_b) = (vec![false; extra as usize], vec![false; extra as usize]);
        for (t, held) in [(&ta, &mut in_a), (&tb, &mut in_b)] {
            for (id, h) in t.live_hashed() {
                (hash_of[id as usize], held[id as usize]) = (Some(h), true);
            }
        }
        // `b`'s elements in the order they came in, for an iterable that is no set.
        let in_order: Vec<(u32, u64)> = match from_set {
            true => Vec::new(),
            false => b
                .keys_by_entry()
                .into_iter()
                .flatten()
                .filter_map(|k| ids.get(&k))
                .filter_map(|&id| hash_of[id as usize].map(|h| (id, h)))
                .collect(),
        };
        let same = std::ptr::eq(a, b);
        // Whether `a` (or `b`) held it before the operation: each element is met once.
        let holds = |held: &[bool], id: u32| held[id as usize];
        let copy = |t: Table| if in_place { t } else { Table::new(8).merged(&t, false) };
        let mut t = match op {
            '|' if !from_set => {
                let mut r = copy(ta);
                in_order.iter().for_each(|&(id, h)| r.add(id as usize, h));
                r
            }
            '&' if !from_set => {
                let mut r = Table::new(8);
                for &(id, h) in &in_order {
                    if holds(&in_a, id) {
                        r.add(id as usize, h);
                        if r.used >= ta.used {
                            break;
                        }
                    }
                }
                r
            }
            // `a -= a` and `a ^= a` clear it; `a & a` is its copy.
            '-' | '^' if same && in_place => Table::new(8),
            '&' if same => Table::new(8).merged(&ta, false),
            '|' if in_place => ta.merged(&tb, same),
            '|' => Table::new(8).merged(&ta, false).merged(&tb, same),
            '&' => {
                let (big, small) = if tb.used > ta.used { (&in_b, &ta) } else { (&in_a, &tb) };
                let mut r = Table::new(8);
                for (id, h) in small.live_hashed() {
                    if same || holds(big, id) {
                        r.add(id as usize, h);
                    }
                }
                r
            }
            '-' if in_place || !from_set || (ta.used >> 2) > tb.used => {
                let mut r = copy(ta);
                for (id, h) in tb.live_hashed() {
                    r.remove(id as usize, h);
                }
                if r.fill - r.used > (r.slots.len() - 1) / 4 {
                    r.resize(r.grown());
                }
                r
            }
            '-' => {
                let mut r = Table::new(8);
                for (id, h) in ta.live_hashed().filter(|&(id, _)| !holds(&in_b, id)) {
                    r.add(id as usize, h);
                }
                r
            }
            _ => {
                // `a ^ b` is `b`'s copy updated by `a`; `a ^= b`, `a` updated by `b`.
                let (mut r, by, had) =
                    if in_place { (ta, tb, &in_a) } else { (Table::new(8).merged(&tb, false), ta, &in_b) };
                for (id, h) in by.live_hashed() {
                    if holds(had, id) {
                        r.remove(id as usize, h);
                    } else {
                        r.add(id as usize, h);
                    }
                }
                r
            }
        };
        t.covered = self.entries.len();
        self.removed.clear();
        self.base = Some(Rc::new(t));
        self.finger = if in_place { a.finger } else { 0 };
    }

    /// Each entry's key (`None` for a removed one), by entry.
    fn keys_by_entry(&self) -> Vec<Option<Key>> {
        let mut keys = vec![None; self.entries.len()];
        for (key, &i) in &self.index {
            keys[i] = Some(key.clone());
        }
        keys
    }

    /// Removes `key` from a set, remembering where it was for [`Dict::set_order`] (a dict's
    /// removals need not be replayed: a dict keeps its insertion order).
    pub fn remove_from_set(&mut self, key: &Key) -> Option<Value> {
        let &at = self.index.get(key)?;
        let hash = self.entries[at].as_ref().and_then(|(k, _)| crate::builtins::element_hash(k, Some(key)));
        if let Some(h) = hash {
            self.removed.push(Removal { at, when: self.entries.len(), hash: h as u64 });
        }
        self.remove(key)
    }

    /// `set.pop()`: the first element from where the last pop stopped, in CPython's table
    /// order. The table, brought up to date, becomes the set's base and the pop changes it in
    /// place, so that emptying a set by pops costs what CPython's does. A set without stable
    /// hashes gives its last one added.
    pub fn pop_from_set(&mut self) -> Option<Value> {
        let current = self.removed.is_empty() && self.base.as_ref().is_some_and(|b| b.covered == self.entries.len());
        if !current {
            let Some(mut t) = self.table() else { return self.pop_last().map(|(k, _)| k) };
            t.covered = self.entries.len();
            self.removed.clear();
            self.base = Some(Rc::new(t));
        }
        let table = Rc::make_mut(self.base.as_mut()?);
        let n = table.slots.len();
        let slot = (0..n).map(|i| (self.finger + i) % n).find(|&i| table.slots[i] < DUMMY)?;
        let at = std::mem::replace(&mut table.slots[slot], DUMMY) as usize;
        table.used -= 1;
        self.finger = slot + 1;
        let k = self.entries[at].as_ref()?.0.clone();
        self.remove(&k.key().ok()?);
        Some(k)
    }

    /// A copy of the entries, in insertion order.
    pub fn entries(&self) -> Vec<(Value, Value)> {
        let mut out = Vec::with_capacity(self.live);
        for e in self.iter() {
            out.push(e.clone());
        }
        out
    }

    /// Removes everything (a `defaultdict` or `Counter` stays one).
    pub fn clear(&mut self) {
        let missing = std::mem::take(&mut self.missing);
        *self = Dict::default();
        self.missing = missing;
    }

    /// The last entry, removed (`popitem`).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        let i = self.entries.iter().rposition(Option::is_some)?;
        self.remove_at(i)
    }

    /// Moves `key`'s entry to the end (`last`) or to the front (`OrderedDict.move_to_end`);
    /// false if it is not there.
    pub fn move_to_end(&mut self, key: &Key, last: bool) -> bool {
        let Some(entry) = self.index.get(key).and_then(|&i| self.entries[i].take()) else { return false };
        if last {
            self.index.insert(key.clone(), self.entries.len());
            self.entries.push(Some(entry));
        } else {
            self.index.values_mut().for_each(|i| *i += 1);
            self.index.insert(key.clone(), 0);
            self.entries.insert(0, Some(entry));
        }
        if self.entries.len() > 32 && self.live * 2 < self.entries.len() {
            self.compact();
        }
        true
    }

    /// Removes the first entry (the least recently used of `lru_cache`'s).
    pub fn pop_first(&mut self) -> Option<(Value, Value)> {
        let i = self.entries.iter().position(Option::is_some)?;
        self.remove_at(i)
    }

    /// Removes the entry whose key is `k`, one of the keys as iteration gave it (`set.pop`).
    pub fn remove_stored(&mut self, k: &Value) -> Option<(Value, Value)> {
        let i = self.entries.iter().position(|e| e.as_ref().is_some_and(|(x, _)| x.is(k)))?;
        self.remove_at(i)
    }

    /// Removes entry `i`. Its key is made again only where that runs no script's `__hash__`
    /// (which would run while the dict is borrowed, and more often than CPython runs it);
    /// else the index gives up its place by a search.
    fn remove_at(&mut self, i: usize) -> Option<(Value, Value)> {
        let (k, v) = self.entries[i].take()?;
        match (!runs_script(&k)).then(|| k.key().ok()).flatten() {
            Some(key) => drop(self.index.remove(&key)),
            None => self.index.retain(|_, at| *at != i),
        }
        self.live -= 1;
        Some((k, v))
    }
}

/// Whether making `v`'s key may run a script's `__hash__` (an instance of a class with one,
/// or a tuple holding one).
fn runs_script(v: &Value) -> bool {
    match v {
        Value::Instance(i) => {
            !matches!(i.class.lookup(super::super::ast::intern("__hash__")), None | Some(Value::None))
        }
        Value::Tuple(t) => t.iter().any(runs_script),
        _ => false,
    }
}

impl Drop for Dict {
    fn drop(&mut self) {
        let entries = std::mem::take(&mut self.entries);
        if !entries.is_empty() {
            // Freed first to last, each key before its value, as CPython frees a dict's
            // (`trash` takes the last it was given first).
            trash(entries.into_iter().flatten().rev().flat_map(|(k, v)| [Trash::Value(v), Trash::Value(k)]));
        }
    }
}

/// The table's size for at least `min_used` elements: the power of two above it, from 8.
fn size_above(min_used: usize) -> usize {
    let mut size = 8;
    while size <= min_used {
        size <<= 1;
    }
    size
}

/// A slot no element has used, and one whose element was removed (CPython's dummy).
const EMPTY: u32 = u32::MAX;
const DUMMY: u32 = u32::MAX - 1;

/// A set's hash table, as CPython's lays it out: each slot empty, a dummy, or an entry's index
/// with its hash.
#[derive(Clone)]
struct Table {
    slots: Vec<u32>,
    hashes: Vec<u64>,
    /// Slots used or dummies (CPython's `fill`), and elements (`used`).
    fill: usize,
    used: usize,
    /// As a compaction's snapshot (`Dict::base`): the entries it holds.
    covered: usize,
}

impl Table {
    fn new(size: usize) -> Table {
        Table { slots: vec![EMPTY; size], hashes: vec![0; size], fill: 0, used: 0, covered: 0 }
    }

    /// The entries in slot order.
    fn live(&self) -> impl Iterator<Item = usize> + '_ {
        self.live_hashed().map(|(at, _)| at as usize)
    }

    /// The size CPython's table grows to when an addition fills it past 3/5 (or, after a
    /// `difference_update`, when a quarter of it is dummies).
    fn grown(&self) -> usize {
        if self.used > 50_000 {
            self.used * 2
        } else {
            self.used * 4
        }
    }

    /// The slots CPython probes for `hash`, in order: linear runs of 10, then perturbation.
    fn probe(&self, hash: u64, mut visit: impl FnMut(usize) -> bool) {
        const LINEAR_PROBES: u64 = 9;
        // In 64-bit arithmetic, as CPython's size_t on the machines it is compared with.
        let mask = self.slots.len() as u64 - 1;
        let mut perturb = hash;
        let mut i = hash & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            if (i..=i + probes).any(|j| visit(j as usize)) {
                return;
            }
            perturb >>= 5;
            i = i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb) & mask;
        }
    }

    /// Adds entry `at` as CPython's `set.add` does, unless its probe finds it there: into the
    /// last dummy its probe passed, else the empty slot it reached; past 3/5 filled, the table
    /// is rebuilt for 4 × used.
    fn add(&mut self, at: usize, hash: u64) {
        let (mut dummy, mut empty, mut present) = (None, 0, false);
        self.probe(hash, |j| match self.slots[j] {
            EMPTY => {
                empty = j;
                true
            }
            DUMMY => {
                dummy = Some(j);
                false
            }
            s => {
                present = s == at as u32;
                present
            }
        });
        if present {
            return;
        }
        self.used += 1;
        if let Some(j) = dummy {
            (self.slots[j], self.hashes[j]) = (at as u32, hash);
            return;
        }
        (self.slots[empty], self.hashes[empty]) = (at as u32, hash);
        self.fill += 1;
        if self.fill * 5 >= (self.slots.len() - 1) * 3 {
            self.resize(self.grown());
        }
    }

    /// Rebuilds the table for `min_used` elements: its elements go in again in slot order.
    fn resize(&mut self, min_used: usize) {
        let old = std::mem::replace(self, Table::new(size_above(min_used)));
        for (&at, &hash) in old.slots.iter().zip(&old.hashes) {
            if at < DUMMY {
                self.place(at as usize, hash);
            }
        }
        self.covered = old.covered;
    }

    /// Puts entry `at` in the first empty slot CPython's probing reaches for `hash`.
    fn place(&mut self, at: usize, hash: u64) {
        let mut free = 0;
        self.probe(hash, |j| {
            free = j;
            self.slots[j] == EMPTY
        });
        (self.slots[free], self.hashes[free]) = (at as u32, hash);
        self.fill += 1;
        self.used += 1;
    }

    /// The elements with their hashes, in slot order.
    fn live_hashed(&self) -> impl Iterator<Item = (u32, u64)> + '_ {
        self.slots.iter().zip(&self.hashes).filter(|(&s, _)| s < DUMMY).map(|(&s, &h)| (s, h))
    }

    /// `other` merged into this table, as CPython's `set_merge`: one resize for both first;
    /// into an empty table of the same size and no dummies, its layout as it stands; into an
    /// empty one, its elements placed in its slot order; else each added in that order.
    fn merged(mut self, other: &Table, same: bool) -> Table {
        if same || other.used == 0 {
            return self;
        }
        if (self.fill + other.used) * 5 >= (self.slots.len() - 1) * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.slots.len() == other.slots.len() && other.fill == other.used {
            return Table { covered: self.covered, ..other.clone() };
        }
        let empty = self.fill == 0;
        for (id, h) in other.live_hashed() {
            if empty {
                self.place(id as usize, h);
            } else {
                self.add(id as usize, h);
            }
        }
        self
    }

    /// Removes entry `at`, found where CPython's probing for its hash finds it: a dummy stays.
    fn remove(&mut self, at: usize, hash: u64) {
        let mut found = None;
        self.probe(hash, |j| {
            let s = self.slots[j];
            if s == at as u32 {
                found = Some(j);
            }
            found.is_some() || s == EMPTY
        });
        if let Some(j) = found {
            self.slots[j] = DUMMY;
            self.used -= 1;
        }
    }
}
