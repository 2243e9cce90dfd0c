//! Interned text for the trace: task names and printed lines travel as small ids, so a
//! record stays 32 bytes and the page fetches each distinct string once.
//!
//! The table is bounded: past [`MAX_TEXTS`] distinct strings, new ones map to [`FULL`] and
//! are counted, so a lesson that prints forever cannot grow memory forever.

use std::collections::HashMap;

/// Most distinct strings kept.
pub const MAX_TEXTS: usize = 1 << 16;
/// The id of the empty string.
pub const EMPTY: u32 = 0;
/// The id every string gets once the table is full.
pub const FULL: u32 = 1;

/// A bounded string interner: same text, same id.
pub struct Texts {
    strings: Vec<String>,
    ids: HashMap<String, u32>,
    dropped: u64,
    /// The id last given out: a burst of spawns names every task alike, and a compare of
    /// the text spares each one a hash.
    last: u32,
}

impl Default for Texts {
    fn default() -> Texts {
        let mut texts = Texts { strings: Vec::new(), ids: HashMap::new(), dropped: 0, last: EMPTY };
        texts.intern("");
        texts.intern("…");
        texts
    }
}

impl Texts {
    /// The id of `text`, adding it if new and there is room.
    pub fn intern(&mut self, text: &str) -> u32 {
        if self.strings.get(self.last as usize).is_some_and(|last| last == text) {
            return self.last;
        }
        if let Some(&id) = self.ids.get(text) {
            self.last = id;
            return id;
        }
        if self.strings.len() >= MAX_TEXTS {
            self.dropped += 1;
            return FULL;
        }
        let id = self.strings.len() as u32;
        self.strings.push(text.to_owned());
        self.ids.insert(text.to_owned(), id);
        self.last = id;
        id
    }

    /// The text of an id; `None` for an id never given out.
    pub fn get(&self, id: u32) -> Option<&str> {
        self.strings.get(id as usize).map(String::as_str)
    }

    /// Strings that did not fit.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_gets_the_same_id() {
        let mut texts = Texts::default();
        let a = texts.intern("first_task");
        assert_eq!(texts.intern("first_task"), a);
        assert_ne!(texts.intern("second_task"), a);
        assert_eq!(texts.get(a), Some("first_task"));
        assert_eq!(texts.intern(""), EMPTY);
    }

    #[test]
    fn texts_keep_their_ids_when_they_alternate() {
        let mut texts = Texts::default();
        let names = ["worker", "worker", "main", "worker", "main", ""];
        let ids: Vec<u32> = names.iter().map(|t| texts.intern(t)).collect();
        let (worker, main) = (ids[0], ids[2]);
        assert_ne!(worker, main);
        assert_eq!(ids, [worker, worker, main, worker, main, EMPTY]);
    }

    #[test]
    fn a_full_table_counts_what_it_could_not_keep() {
        let mut texts = Texts::default();
        for i in 0..MAX_TEXTS + 10 {
            texts.intern(&i.to_string());
        }
        assert_eq!(texts.get(FULL), Some("…"));
        assert_eq!(texts.intern("new"), FULL);
        assert!(texts.dropped() >= 10);
    }
}
