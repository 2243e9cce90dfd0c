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
    /// equal counts keep their order.
    pub fn by_count(&self) -> Vec<(Value, Value)> {
        let entries = self.entries();
        let counts: Vec<f64> = entries.iter().map(|(_, v)| v.as_number().unwrap_or(0.0)).collect();
        // The built-ins' sort, not std's (a copy of its code per item type and comparison).
        let mut order: Vec<usize> = (0..entries.len()).collect();
        crate::builtins::sort_stable(&mut order, &mut |a, b| counts[b] < counts[a]);
        order.into_iter().map(|i| entries[i].clone()).collect()
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
                self.index.insert(key, entries.len());
                entries.push(Some(entry));
            }
        }
        self.entries = entries;
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
    /// floats and tuples of them (whose hashes are the same in every run: see
    /// [`stable_hash`](crate::builtins::stable_hash)): where each lands in its hash table, as
    /// `print({3, 1, 2})` shows `{1, 2, 3}`.
    /// The table is rebuilt from the insertion order, as CPython grows it (8 slots, resized to a
    /// power of two above 4 × used once 3/5 full; linear probes of 9, then perturbation), after
    /// a display of constants, which CPython builds as a frozenset (and again from its own
    /// order when the compiler merges constants) and merges into the new set: 200 of 200
    /// random displays in the order CPython printed them. Removals are not replayed. Other
    /// sets (CPython hashes strs at random) and sets of more than 100,000: insertion order.
    pub fn set_order(&self) -> Vec<Value> {
        // Past this, the table (4 slots per element) would cost more memory than the set: a
        // big set keeps the order it was filled in.
        const ORDERED_MAX: usize = 100_000;
        let keys = self.keys();
        if keys.len() > ORDERED_MAX {
            return keys;
        }
        let mut hashes = Vec::with_capacity(keys.len());
        for k in &keys {
            let Some(h) = crate::builtins::stable_hash(k) else { return keys };
            hashes.push(h as u64);
        }
        let shown = self.display.min(keys.len());
        let mut table: Vec<Option<usize>> = vec![None; 8];
        let mut from = 0;
        if shown > 2 {
            let mut frozen = vec![None; 8];
            (0..shown).for_each(|at| add(&mut frozen, &hashes, at, at + 1));
            // The compiler, merging its constants, makes the frozenset again from its own order.
            let mut again = vec![None; 8];
            for (used, at) in (1..).zip(frozen.into_iter().flatten()) {
                add(&mut again, &hashes, at, used);
            }
            // The new set takes it in: one resize first, then its layout as it stands if the
            // sizes agree, else each element again in its order.
            let size = if shown * 5 >= 7 * 3 { size_above(shown * 2) } else { 8 };
            if size == again.len() {
                table = again;
            } else {
                table = vec![None; size];
                again.into_iter().flatten().for_each(|at| place(&mut table, hashes[at], at));
            }
            from = shown;
        }
        (from..keys.len()).for_each(|at| add(&mut table, &hashes, at, at + 1));
        table.into_iter().flatten().map(|at| keys[at].clone()).collect()
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
            trash(entries.into_iter().flatten().flat_map(|(k, v)| [Trash::Value(k), Trash::Value(v)]));
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

/// Adds element `at` as CPython's `set.add` does, the set then holding `used`: past 3/5
/// full, the table grows and its elements go in again in table order.
fn add(table: &mut Vec<Option<usize>>, hashes: &[u64], at: usize, used: usize) {
    place(table, hashes[at], at);
    if used * 5 >= (table.len() - 1) * 3 {
        let size = size_above(if used > 50_000 { used * 2 } else { used * 4 });
        let old = std::mem::replace(table, vec![None; size]);
        old.into_iter().flatten().for_each(|at| place(table, hashes[at], at));
    }
}

/// Puts element `at` in the first free slot CPython's probing reaches for `hash`.
fn place(table: &mut [Option<usize>], hash: u64, at: usize) {
    const LINEAR_PROBES: u64 = 9;
    // In 64-bit arithmetic, as CPython's size_t on the machines it is compared with.
    let mask = table.len() as u64 - 1;
    let mut perturb = hash;
    let mut i = hash & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
        if let Some(slot) = (i..=i + probes).find(|&j| table[j as usize].is_none()) {
            table[slot as usize] = Some(at);
            return;
        }
        perturb >>= 5;
        i = i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb) & mask;
    }
}
