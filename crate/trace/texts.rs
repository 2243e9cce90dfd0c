//! Interned text for the trace: task names and printed lines travel as small ids, so a
//! record stays 32 bytes and the page fetches each distinct string once.
//!
//! The table is bounded: past [`MAX_TEXTS`] distinct strings, new ones map to [`FULL`] and
//! are counted, so a lesson that prints forever cannot grow memory forever. Between runs, once
//! half full, the loop empties it ([`Texts::forget`]), so a long session of runs never fills
//! it; ids are never given out twice, so a record read late shows an empty text, never
//! another one's.

use std::collections::HashMap;

/// Most distinct strings kept.
pub const MAX_TEXTS: usize = 1 << 16;
/// The id of the empty string.
pub const EMPTY: u32 = 0;
/// The id every string gets once the table is full.
pub const FULL: u32 = 1;
/// The text of [`FULL`].
const FULL_TEXT: &str = "…";

/// A bounded string interner: same text, same id.
pub struct Texts {
    /// The texts of ids `first..first + strings.len()`.
    strings: Vec<String>,
    first: u32,
    ids: HashMap<String, u32>,
    dropped: u64,
    /// The id last given out: a burst of spawns names every task alike, and a compare of
    /// the text spares each one a hash.
    last: u32,
}

impl Default for Texts {
    fn default() -> Texts {
        Texts { strings: Vec::new(), first: FULL + 1, ids: HashMap::new(), dropped: 0, last: EMPTY }
    }
}

impl Texts {
    /// The id of `text`, adding it if new and there is room.
    pub fn intern(&mut self, text: &str) -> u32 {
        if text.is_empty() {
            return EMPTY;
        }
        if self.get(self.last) == Some(text) {
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
        let id = self.first + self.strings.len() as u32;
        self.strings.push(text.to_owned());
        self.ids.insert(text.to_owned(), id);
        self.last = id;
        id
    }

    /// The text of an id; `None` for an id never given out or forgotten.
    pub fn get(&self, id: u32) -> Option<&str> {
        match id {
            EMPTY => Some(""),
            FULL => Some(FULL_TEXT),
            _ => self.strings.get(id.checked_sub(self.first)? as usize).map(String::as_str),
        }
    }

    /// Forgets every text: their ids now read as unknown, and the next text gets an id never
    /// given out before (after some four billion texts, the ids start again from the first).
    pub fn forget(&mut self) {
        let next = self.first.checked_add(self.strings.len() as u32).filter(|n| *n <= u32::MAX - MAX_TEXTS as u32);
        self.first = next.unwrap_or(FULL + 1);
        self.strings.clear();
        self.ids.clear();
        self.last = EMPTY;
    }

    /// Texts held now.
    pub fn held(&self) -> usize {
        self.strings.len()
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

    #[test]
    fn forgotten_texts_read_as_unknown_and_their_ids_are_not_given_again() {
        let mut texts = Texts::default();
        for i in 0..MAX_TEXTS + 10 {
            texts.intern(&i.to_string());
        }
        let old = texts.intern("0");
        texts.forget();
        assert_eq!(texts.get(old), None, "a forgotten id is unknown");
        assert_eq!((texts.get(EMPTY), texts.get(FULL)), (Some(""), Some("…")));
        let again = texts.intern("0");
        assert!(again > old, "a new id ({again}), not the old one ({old})");
        assert_eq!(texts.get(again), Some("0"));
        assert_ne!(texts.intern("new"), FULL, "room again");
    }
}
