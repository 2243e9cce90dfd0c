//! The loop's live tasks, each in a numbered slot: a task is found by its slot with one
//! index, and a freed slot is reused by the next spawn (the most recently freed first, whose
//! memory is still in cache). A hash map by id, which this replaced, cost a burst of short
//! tasks a random memory access per spawn and per finish.
//!
//! Ids are never reused, slots are: a key is the pair, and a stale key (its task ended and
//! the slot went to another) finds nothing.

/// Where a live task is: its id (unique for the page's life) and its slot.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Key {
    /// The task's id, as the trace names it.
    pub id: u32,
    /// Its slot in the registry.
    pub slot: u32,
}

/// Values (tasks) by [`Key`].
pub struct Registry<T> {
    slots: Vec<Option<(u32, T)>>,
    free: Vec<u32>,
    live: usize,
}

impl<T> Default for Registry<T> {
    fn default() -> Self {
        Registry { slots: Vec::new(), free: Vec::new(), live: 0 }
    }
}

impl<T> Registry<T> {
    /// The key the next [`Registry::insert`] of `id` will use.
    pub fn next_key(&self, id: u32) -> Key {
        Key { id, slot: self.free.last().copied().unwrap_or(self.slots.len() as u32) }
    }

    /// Adds `value` under `key`, which must come from [`Registry::next_key`] just before.
    pub fn insert(&mut self, key: Key, value: T) {
        if self.free.last() == Some(&key.slot) {
            self.free.pop();
        } else {
            debug_assert_eq!(key.slot as usize, self.slots.len(), "a key not from next_key");
            self.slots.push(None);
        }
        self.slots[key.slot as usize] = Some((key.id, value));
        self.live += 1;
    }

    /// The value under `key`, if it is still there.
    pub fn get(&self, key: Key) -> Option<&T> {
        match self.slots.get(key.slot as usize) {
            Some(Some((id, value))) if *id == key.id => Some(value),
            _ => None,
        }
    }

    /// Takes the value under `key` out, if it is still there; its slot is free again.
    pub fn remove(&mut self, key: Key) -> Option<T> {
        let slot = self.slots.get_mut(key.slot as usize)?;
        if !matches!(slot, Some((id, _)) if *id == key.id) {
            return None;
        }
        self.free.push(key.slot);
        self.live -= 1;
        slot.take().map(|(_, value)| value)
    }

    /// The live values, in slot order.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.slots.iter().flatten().map(|(_, value)| value)
    }

    /// How many values are live.
    pub fn len(&self) -> usize {
        self.live
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(r: &mut Registry<&'static str>, id: u32, value: &'static str) -> Key {
        let key = r.next_key(id);
        r.insert(key, value);
        key
    }

    #[test]
    fn a_value_is_found_by_its_key_until_it_is_removed() {
        let mut r = Registry::default();
        let a = add(&mut r, 1, "a");
        let b = add(&mut r, 2, "b");
        assert_eq!((r.get(a), r.get(b), r.len()), (Some(&"a"), Some(&"b"), 2));
        assert_eq!(r.remove(a), Some("a"));
        assert_eq!(r.get(a), None);
        assert_eq!(r.remove(a), None, "removed once only");
        assert_eq!(r.len(), 1);
        assert_eq!(r.values().collect::<Vec<_>>(), [&"b"]);
    }

    #[test]
    fn a_freed_slot_is_reused_and_a_stale_key_finds_nothing_in_it() {
        let mut r = Registry::default();
        let old = add(&mut r, 1, "old");
        add(&mut r, 2, "other");
        r.remove(old);
        let new = add(&mut r, 3, "new");
        assert_eq!(new.slot, old.slot, "the freed slot is reused");
        assert_eq!(r.get(old), None, "a stale key names an ended task");
        assert_eq!(r.remove(old), None);
        assert_eq!(r.get(new), Some(&"new"));
        assert_eq!(r.len(), 2);
    }
}
