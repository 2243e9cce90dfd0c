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

/// The candidate closest to `name` (the first of equals), if one is close enough: no more
/// than a third of the characters involved changed.
fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if candidates.len() >= MAX_CANDIDATES {
        return None;
    }
    let mut best: Option<(&str, usize)> = None;
    for &item in candidates {
        if item == name {
            continue;
        }
        let mut max = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max = max.min(d.saturating_sub(1));
        }
        let d = distance(name.as_bytes(), item.as_bytes(), max);
        if d <= max && best.is_none_or(|(_, b)| d < b) {
            best = Some((item, d));
        }
    }
    best.map(|(item, _)| item)
}

/// Keeps on the exception `e` the suggestion for `name` among each list of candidates in turn
/// (CPython: the function's locals, then the module's names, then the built-ins).
pub fn for_name(e: Exc, name: &str, lists: &[&[&str]]) -> Exc {
    let builtins: Vec<&str> = BUILTINS.split(' ').collect();
    let found = lists.iter().chain([&&builtins[..]]).find_map(|list| closest(name, list));
    keep(e, found)
}

/// Keeps on the exception `e` the suggestion for attribute `name` among `attrs` (CPython:
/// `dir(obj)`, sorted, which decides ties).
pub fn for_attr(e: Exc, name: &str, attrs: &mut Vec<&str>) -> Exc {
    attrs.sort_unstable();
    let found = closest(name, attrs);
    keep(e, found)
}

fn keep(e: Exc, found: Option<&str>) -> Exc {
    if let (Value::Instance(i), Some(s)) = (&e, found) {
        i.attrs.borrow_mut().push((super::ast::intern(ATTR), Value::str(s)));
    }
    e
}

/// The suggestion kept on an exception, if any.
pub fn of(i: &Instance) -> Option<Value> {
    let key = super::ast::intern(ATTR);
    i.attrs.borrow().iter().find(|(n, _)| *n == key).map(|(_, v)| v.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_what_cpython_suggests() {
        let builtins: Vec<&str> = BUILTINS.split(' ').collect();
        assert_eq!(closest("prnt", &builtins), Some("print"));
        assert_eq!(closest("lenght", &["len", "length"]), Some("length"));
        assert_eq!(closest("Print", &builtins), Some("print"));
        assert_eq!(closest("apend", &["append", "clear", "copy", "count", "extend"]), Some("append"));
        assert_eq!(closest("zzzzzz", &builtins), None);
        assert_eq!(closest("x", &["x"]), None);
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
