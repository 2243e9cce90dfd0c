//! CPython 3.11's "Did you mean: 'print'?" after an uncaught `NameError` or `AttributeError`:
//! the closest name by CPython's own edit distance, among the names the failing code could
//! have meant. A learner's first error is most often a typo, and this is what CPython says.

use super::value::*;

/// An edit costs 2; changing only a letter's case costs 1.
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;
/// Longer names, and longer lists of candidates, get no suggestion (as in CPython).
const MAX_STRING_SIZE: usize = 40;
const MAX_CANDIDATES: usize = 750;

/// The attribute under which an exception keeps its suggestion. Not a Python name, so no
/// program can read or set it; only the traceback prints it (`str(e)` does not show it).
pub const ATTR: &str = "did you mean";

/// CPython's built-in names, in the order of its `builtins` module (which decides ties),
/// the ones `site` adds included.
const BUILTINS: &str = "__name__ __doc__ __package__ __loader__ __spec__ __build_class__ __import__ abs all any \
ascii bin breakpoint callable chr compile delattr dir divmod eval exec format getattr globals hasattr hash hex id \
input isinstance issubclass iter aiter len locals max min next anext oct ord pow print repr round setattr sorted \
sum vars None Ellipsis NotImplemented False True bool memoryview bytearray bytes classmethod complex dict \
enumerate filter float frozenset property int list map object range reversed set slice staticmethod str super \
tuple type zip __debug__ BaseException BaseExceptionGroup Exception GeneratorExit KeyboardInterrupt SystemExit \
ArithmeticError AssertionError AttributeError BufferError EOFError ImportError LookupError MemoryError NameError \
OSError ReferenceError RuntimeError StopAsyncIteration StopIteration SyntaxError SystemError TypeError ValueError \
Warning FloatingPointError OverflowError ZeroDivisionError BytesWarning DeprecationWarning EncodingWarning \
FutureWarning ImportWarning PendingDeprecationWarning ResourceWarning RuntimeWarning SyntaxWarning UnicodeWarning \
UserWarning BlockingIOError ChildProcessError ConnectionError BrokenPipeError ConnectionAbortedError \
ConnectionRefusedError ConnectionResetError FileExistsError FileNotFoundError InterruptedError IsADirectoryError \
NotADirectoryError PermissionError ProcessLookupError TimeoutError IndentationError IndexError KeyError \
ModuleNotFoundError NotImplementedError RecursionError UnboundLocalError UnicodeError TabError \
UnicodeDecodeError UnicodeEncodeError UnicodeTranslateError ExceptionGroup EnvironmentError IOError open quit \
exit copyright credits license help";

fn substitution_cost(a: u8, b: u8) -> usize {
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// The edit distance from `a` to `b` (bytes of their UTF-8, as CPython counts), or more than
/// `max` once it must be more.
fn distance(a: &[u8], b: &[u8], max: usize) -> usize {
    let common_start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[common_start..], &b[common_start..]);
    let common_end = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - common_end], &b[..b.len() - common_end]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max + 1;
    }
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    if (b.len() - a.len()) * MOVE_COST > max {
        return max + 1;
    }
    // One row of the table, updated in place: row[i] = cost(b[..j], a[..=i]).
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (j, &code) in b.iter().enumerate() {
        let mut diagonal = j * MOVE_COST;
        result = diagonal;
        let mut minimum = usize::MAX;
        for (i, cell) in row.iter_mut().enumerate() {
            let substitute = diagonal + substitution_cost(code, a[i]);
            diagonal = *cell;
            result = (result.min(diagonal) + MOVE_COST).min(substitute);
            *cell = result;
            minimum = minimum.min(result);
        }
        if minimum > max {
            return max + 1;
        }
    }
    result
}

/// The candidate closest to `name`, if one is close enough: no more than a third of the
/// characters involved changed. Among equally close ones CPython takes the first in its list:
/// here the lowest rank, or with `alphabetical` (`dir()` is sorted) the first in that order.
fn closest<'a>(name: &str, items: &[(&'a str, u32)], alphabetical: bool) -> Option<&'a str> {
    if items.len() >= MAX_CANDIDATES {
        return None;
    }
    let mut best: Option<(&str, u32, usize)> = None;
    for &(item, rank) in items {
        if item == name {
            continue;
        }
        let mut max = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if let Some((_, _, d)) = best {
            max = max.min(d);
        }
        let d = distance(name.as_bytes(), item.as_bytes(), max);
        let better = match best {
            None => true,
            Some((b, r, bd)) => d < bd || (d == bd && if alphabetical { item < b } else { rank < r }),
        };
        if d <= max && better {
            best = Some((item, rank, d));
        }
    }
    best.map(|(item, _, _)| item)
}

/// Keeps on the exception `e` the suggestion for `name` among the locals, then the module's
/// names, then the built-ins (CPython's order of search), each given with its rank.
pub fn for_name(e: Exc, name: &str, locals: &[(&str, u32)], globals: &[(&str, u32)]) -> Exc {
    let mut builtins: Vec<(&str, u32)> = Vec::new();
    for (rank, b) in BUILTINS.split(' ').enumerate() {
        builtins.push((b, rank as u32));
    }
    let found = [locals, globals, &builtins].into_iter().find_map(|list| closest(name, list, false));
    if let Value::Instance(i) = &e {
        if &*i.class.name == "NameError" {
            i.set(super::ast::intern("name"), Value::str(name)); // `e.name`, as CPython's
        }
    }
    keep(e, found)
}

/// Keeps on the exception `e` the suggestion for attribute `name` among `attrs` (CPython:
/// `dir(obj)`, which is sorted).
pub fn for_attr(e: Exc, name: &str, attrs: &[(&str, u32)]) -> Exc {
    let found = closest(name, attrs, true);
    keep(e, found)
}

/// Names with their ranks, as `closest` takes them.
pub fn borrowed(names: &[(std::rc::Rc<str>, u32)]) -> Vec<(&str, u32)> {
    let mut out = Vec::with_capacity(names.len());
    for (t, rank) in names {
        out.push((&**t, *rank));
    }
    out
}

fn keep(e: Exc, found: Option<&str>) -> Exc {
    if let (Value::Instance(i), Some(s)) = (&e, found) {
        i.set(super::ast::intern(ATTR), Value::str(s));
    }
    e
}

/// The suggestion kept on an exception, if any.
pub fn of(i: &Instance) -> Option<Value> {
    let key = super::ast::intern(ATTR);
    i.get(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked<'a>(names: &[&'a str]) -> Vec<(&'a str, u32)> {
        names.iter().copied().zip(0..).collect()
    }

    #[test]
    fn suggests_what_cpython_suggests() {
        let builtins = ranked(&BUILTINS.split(' ').collect::<Vec<_>>());
        assert_eq!(closest("prnt", &builtins, false), Some("print"));
        assert_eq!(closest("lenght", &ranked(&["len", "length"]), false), Some("length"));
        assert_eq!(closest("Print", &builtins, false), Some("print"));
        assert_eq!(closest("zzzzzz", &builtins, false), None);
        assert_eq!(closest("x", &ranked(&["x"]), false), None);
        // Ties: the first listed, or the first in alphabetical order.
        assert_eq!(closest("cat", &ranked(&["cut", "bat"]), false), Some("cut"));
        assert_eq!(closest("cat", &ranked(&["cut", "bat"]), true), Some("bat"));
        assert_eq!(closest("apend", &ranked(&["extend", "count", "append"]), true), Some("append"));
    }

    #[test]
    fn distance_counts_a_case_flip_as_half_an_edit() {
        assert_eq!(distance(b"abc", b"abc", 10), 0);
        assert_eq!(distance(b"abc", b"aBc", 10), 1);
        assert_eq!(distance(b"abc", b"axc", 10), 2);
        assert_eq!(distance(b"abc", b"abcd", 10), 2);
        assert_eq!(distance(b"kitten", b"sitting", 100), 6);
    }
}
