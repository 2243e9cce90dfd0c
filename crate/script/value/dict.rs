//! Dicts (and sets' storage): entries in insertion order, found by a hash of a normalised key.

use super::*;

/// A dict (and a set's storage): entries in insertion order, found by a hash of the key.
#[derive(Default, Clone)]
pub struct Dict {
    entries: Vec<Option<(Value, Value)>>,
    index: HashMap<Key, usize>,
    live: usize,
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

    fn compact(&mut self) {
        let entries = std::mem::take(&mut self.entries);
        self.index.clear();
        self.live = 0;
        for entry in entries {
            let Some((k, v)) = entry else { continue };
            if let Ok(key) = k.key() {
                self.insert(key, k, v);
            }
        }
    }

    /// The entries, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &(Value, Value)> {
        self.entries.iter().filter_map(Option::as_ref)
    }

    /// The keys, in insertion order.
    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|(k, _)| k.clone()).collect()
    }

    /// A copy of the entries, in insertion order.
    pub fn entries(&self) -> Vec<(Value, Value)> {
        let mut out = Vec::with_capacity(self.live);
        for e in self.iter() {
            out.push(e.clone());
        }
        out
    }

    /// Removes everything.
    pub fn clear(&mut self) {
        *self = Dict::default();
    }

    /// The first or last entry, removed (`popitem` takes the last).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        let i = self.entries.iter().rposition(Option::is_some)?;
        let (k, v) = self.entries[i].take()?;
        if let Ok(key) = k.key() {
            self.index.remove(&key);
        }
        self.live -= 1;
        Some((k, v))
    }
}
