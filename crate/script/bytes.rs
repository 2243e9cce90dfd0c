//! `bytes`: `b"..."`, `str.encode()` and `bytes.decode()` (UTF-8, ASCII and Latin-1), what a
//! stream reads and writes, and the methods learners use on them.
//!
//! The methods that only look for and cut at bytes (`split`, `find`, `replace`…) run as the
//! str's do on the text whose characters are the bytes (`\x00`–`\xff`): one implementation
//! of each, and the same results as CPython's byte by byte.

use std::fmt::Write as _;
use std::rc::Rc;

use super::ast::Name;
use super::builtins::{kwarg, type_error};
use super::interp::{unsupported, Interp};
use super::value::{raise, PyResult, Value};

/// The methods of a bytes object.
pub const METHODS: &[&str] = &[
    "decode",
    "hex",
    "upper",
    "lower",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "isascii",
    "split",
    "rsplit",
    "strip",
    "lstrip",
    "rstrip",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
    "replace",
    "join",
    "partition",
    "rpartition",
    "splitlines",
    "fromhex",
    "zfill",
    "center",
    "ljust",
    "rjust",
    "removeprefix",
    "removesuffix",
    "expandtabs",
    "capitalize",
    "swapcase",
    "title",
];

/// Bytes' whitespace: what `split()` and `strip()` cut (no Unicode spaces: `\xa0` is a byte of
/// `"à".encode()`).
const SPACE: &str = " \t\n\r\x0b\x0c";

/// `b'...'`, as CPython writes it: single quotes unless only double ones avoid escapes.
pub fn repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote);
    out
}

/// The text whose characters are `b`'s bytes.
fn text(b: &[u8]) -> Value {
    Value::string(b.iter().map(|&c| c as char).collect())
}

/// Back from [`text`]: a str whose characters are all below 256.
fn back(v: Value) -> Value {
    match v {
        Value::Str(s) => Value::Bytes(s.chars().map(|c| c as u8).collect()),
        Value::List(l) => {
            let items = l.borrow().iter().cloned().map(back).collect();
            Value::list(items)
        }
        Value::Tuple(t) => Value::tuple(t.iter().cloned().map(back).collect()),
        v => v,
    }
}

/// An argument of a bytes method that must be bytes (or a tuple of them, for `startswith`).
fn as_text(v: &Value) -> PyResult {
    match v {
        Value::Bytes(b) => Ok(text(b)),
        Value::Tuple(t) => Ok(Value::tuple(t.iter().map(as_text).collect::<PyResult<_>>()?)),
        Value::None | Value::Int(_) => Ok(v.clone()),
        v => Err(type_error("a bytes-like object is required, not '", v, "'")),
    }
}

/// `b.name(...)`: `args[0]` is the bytes object.
pub fn method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    // `bytes.fromhex("c3 a7")`, from the type or from a bytes object.
    if name == "fromhex" {
        return match args.iter().rev().find(|a| matches!(a, Value::Str(_))) {
            Some(Value::Str(s)) => from_hex(s),
            _ => raise("TypeError", "fromhex() argument must be str"),
        };
    }
    let Some(Value::Bytes(b)) = args.first() else {
        let v = args.first().unwrap_or(&Value::None);
        return Err(type_error(
            &format!("descriptor '{name}' for 'bytes' objects doesn't apply to a '"),
            v,
            "' object",
        ));
    };
    let b = Rc::clone(b);
    let ascii = |f: fn(&u8) -> bool| Value::Bool(!b.is_empty() && b.iter().all(f));
    Ok(match name {
        "decode" => {
            let encoding = args.get(1).cloned().or_else(|| kwarg(&kw, "encoding"));
            let errors = args.get(2).cloned().or_else(|| kwarg(&kw, "errors"));
            return decode(&b, encoding.as_ref(), errors.as_ref());
        }
        "hex" => {
            return hex(
                &b,
                args.get(1).or(kwarg(&kw, "sep").as_ref()),
                args.get(2).or(kwarg(&kw, "bytes_per_sep").as_ref()),
            )
        }
        "capitalize" => {
            let mut out = b.to_ascii_lowercase();
            if let Some(first) = out.first_mut() {
                first.make_ascii_uppercase();
            }
            Value::Bytes(out.into())
        }
        "swapcase" => Value::Bytes(
            b.iter()
                .map(|&c| if c.is_ascii_lowercase() { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
                .collect(),
        ),
        "title" => {
            let mut after_letter = false;
            let out = b.iter().map(|&c| {
                let t = if after_letter { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
                after_letter = c.is_ascii_alphabetic();
                t
            });
            Value::Bytes(out.collect())
        }
        // Only `\n`, `\r` and `\r\n` end a line of bytes.
        "splitlines" => {
            let keep = args.get(1).or(kwarg(&kw, "keepends").as_ref()).is_some_and(Value::truthy);
            let mut lines = Vec::new();
            let mut start = 0;
            let mut i = 0;
            while i < b.len() {
                let end = match (b[i], b.get(i + 1)) {
                    (b'\r', Some(b'\n')) => i + 2,
                    (b'\r' | b'\n', _) => i + 1,
                    _ => {
                        i += 1;
                        continue;
                    }
                };
                lines.push(Value::Bytes(b[start..if keep { end } else { i }].into()));
                start = end;
                i = end;
            }
            if start < b.len() {
                lines.push(Value::Bytes(b[start..].into()));
            }
            Value::list(lines)
        }
        "upper" => Value::Bytes(b.to_ascii_uppercase().into()),
        "lower" => Value::Bytes(b.to_ascii_lowercase().into()),
        "isdigit" => ascii(u8::is_ascii_digit),
        "isalpha" => ascii(u8::is_ascii_alphabetic),
        "isalnum" => ascii(u8::is_ascii_alphanumeric),
        "isspace" => ascii(|c| SPACE.as_bytes().contains(c)),
        "isascii" => Value::Bool(b.is_ascii()),
        "isupper" | "islower" => {
            let cased = b.iter().any(u8::is_ascii_alphabetic);
            let wrong = if name == "isupper" { u8::is_ascii_lowercase } else { u8::is_ascii_uppercase };
            Value::Bool(cased && !b.iter().any(wrong))
        }
        // With no separator, runs of bytes' whitespace only.
        "split" | "rsplit" if args.get(1).or(kwarg(&kw, "sep").as_ref()).is_none_or(|s| matches!(s, Value::None)) => {
            let max = args.get(2).cloned().or_else(|| kwarg(&kw, "maxsplit"));
            let max = max.and_then(|m| m.as_int()).filter(|&m| m >= 0).unwrap_or(i64::MAX);
            Value::list(split_space(&b, name == "rsplit", max).into_iter().map(|w| Value::Bytes(w.into())).collect())
        }
        "strip" | "lstrip" | "rstrip" if args.len() == 1 || matches!(args.get(1), Some(Value::None)) => {
            let call = vec![text(&b), Value::str(SPACE)];
            back(super::builtins::str_method(interp, name, call, vec![])?)
        }
        "join" => {
            let Some(items) = args.get(1) else {
                return raise("TypeError", "join() takes exactly one argument (0 given)");
            };
            let mut parts = Vec::new();
            for (i, x) in interp.iterate(items)?.iter().enumerate() {
                match x {
                    Value::Bytes(x) => parts.push(text(x)),
                    x => {
                        return Err(type_error(
                            &format!("sequence item {i}: expected a bytes-like object, "),
                            x,
                            " found",
                        ))
                    }
                }
            }
            back(super::builtins::str_method(interp, name, vec![text(&b), Value::list(parts)], vec![])?)
        }
        _ => {
            let mut call = vec![text(&b)];
            for (i, a) in args[1..].iter().enumerate() {
                call.push(match a {
                    // A byte's value, for what is looked for (`b.find(10)`).
                    Value::Int(n) if i == 0 && matches!(name, "find" | "rfind" | "index" | "rindex" | "count") => {
                        match u8::try_from(*n) {
                            Ok(c) => Value::string((c as char).to_string()),
                            Err(_) => return raise("ValueError", "byte must be in range(0, 256)"),
                        }
                    }
                    a => as_text(a)?,
                });
            }
            let kw = kw.iter().map(|(k, v)| Ok((*k, as_text(v)?))).collect::<PyResult<_>>()?;
            match super::builtins::str_method(interp, name, call, kw) {
                Ok(v) => back(v),
                Err(Value::Instance(e)) if crate::value::exception_str(&e) == "substring not found" => {
                    return raise("ValueError", "subsection not found")
                }
                Err(e) => return Err(e),
            }
        }
    })
}

/// `b.split()` (`rsplit()` from the right: `right`): runs of whitespace cut it, at most `max`
/// times; what is left after the last cut is kept as it is, but for the whitespace before it.
fn split_space(b: &[u8], right: bool, max: i64) -> Vec<Vec<u8>> {
    let space = |c: &u8| SPACE.as_bytes().contains(c);
    let mut words = Vec::new();
    let mut rest: Vec<u8> = if right { b.iter().rev().copied().collect() } else { b.to_vec() };
    loop {
        let start = rest.iter().position(|c| !space(c)).unwrap_or(rest.len());
        rest.drain(..start);
        if rest.is_empty() {
            break;
        }
        if words.len() as i64 >= max {
            words.push(std::mem::take(&mut rest));
            break;
        }
        let end = rest.iter().position(space).unwrap_or(rest.len());
        words.push(rest.drain(..end).collect());
    }
    if right {
        words.iter_mut().for_each(|w| w.reverse());
        words.reverse();
    }
    words
}

/// `b.hex(sep, bytes_per_sep)`: two digits a byte, `sep` between groups of `bytes_per_sep`
/// bytes counted from the right (from the left when it is negative).
fn hex(b: &[u8], sep: Option<&Value>, per: Option<&Value>) -> PyResult {
    let digits: Vec<String> = b.iter().map(|c| format!("{c:02x}")).collect();
    let sep = match sep {
        None | Some(Value::None) => return Ok(Value::string(digits.concat())),
        Some(Value::Str(s)) if s.chars().count() == 1 => s.to_string(),
        Some(Value::Bytes(s)) if s.len() == 1 => (s[0] as char).to_string(),
        Some(Value::Str(_) | Value::Bytes(_)) => return raise("ValueError", "sep must be length 1."),
        Some(v) => return Err(type_error("sep must be str or bytes, not '", v, "'")),
    };
    let per = per.and_then(Value::as_int).unwrap_or(1);
    let size = usize::try_from(per.unsigned_abs()).unwrap_or(usize::MAX).max(1);
    let mut groups: Vec<String> = if per < 0 {
        digits.chunks(size).map(|g| g.concat()).collect()
    } else {
        let mut g: Vec<String> = digits.rchunks(size).map(|g| g.concat()).collect();
        g.reverse();
        g
    };
    groups.retain(|g| !g.is_empty());
    Ok(Value::string(groups.join(&sep)))
}

/// `bytes.fromhex(s)`: pairs of hex digits, spaces between pairs allowed.
fn from_hex(s: &str) -> PyResult {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let pair = (chars[i].to_digit(16), chars.get(i + 1).and_then(|c| c.to_digit(16)));
        match pair {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            (Some(_), None) => {
                return raise(
                    "ValueError",
                    format!("non-hexadecimal number found in fromhex() arg at position {}", i + 1),
                )
            }
            _ => return raise("ValueError", format!("non-hexadecimal number found in fromhex() arg at position {i}")),
        }
        i += 2;
    }
    Ok(Value::Bytes(out.into()))
}

/// An encoding's name as CPython normalises it (`UTF8`, `utf_8`: `utf-8`), if it is one of
/// the three this interpreter has; another codec of CPython's is refused, a name it does not
/// know is its `LookupError`.
fn codec(encoding: Option<&Value>, method: &str) -> PyResult<&'static str> {
    let given = match encoding {
        None => return Ok("utf-8"),
        Some(Value::Str(s)) => s,
        Some(v) => return Err(type_error(&format!("{method}() argument 'encoding' must be str, not "), v, "")),
    };
    let name = given.to_ascii_lowercase().replace('_', "-");
    match name.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => Ok("utf-8"),
        "ascii" | "us-ascii" | "us" | "646" | "cp367" | "ansi-x3.4-1968" => Ok("ascii"),
        "latin-1" | "latin1" | "latin" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" | "iso-ir-100" | "l1" => {
            Ok("latin-1")
        }
        n if cpython_codec(n) => unsupported(&format!("the '{given}' encoding (only UTF-8, ASCII and Latin-1)")),
        _ => raise("LookupError", format!("unknown encoding: {given}")),
    }
}

/// Whether CPython has a text codec of this normalised name (`utf-16-le`, `cp1254`,
/// `iso-8859-9`, `unicode-escape`, …): refused by name here, where a name CPython does not
/// know (`utf-99`) is its `LookupError`, which a script may catch.
fn cpython_codec(n: &str) -> bool {
    const NAMED: &str = " utf-16 utf16 u16 utf-16-le utf-16le utf-16-be utf-16be utf-32 utf32 u32 utf-32-le utf-32le \
utf-32-be utf-32be utf-7 utf7 u7 utf-8-sig unicode-escape raw-unicode-escape idna punycode koi8-r koi8-u \
mac-roman big5 gbk gb2312 gb18030 shift-jis sjis euc-jp euc-kr ";
    const CP: &str =
        " 037 273 424 437 500 720 737 775 850 852 855 856 857 858 860 861 862 863 864 865 866 869 874 875 \
932 949 950 1006 1026 1125 1140 1250 1251 1252 1253 1254 1255 1256 1257 1258 65001 ";
    let number = |rest: &str| rest.parse::<u32>().ok();
    let iso = n.strip_prefix("iso-8859-").or_else(|| n.strip_prefix("iso8859-"));
    let windows = n.strip_prefix("windows-").and_then(number);
    let (l, latin) = (n.strip_prefix('l').and_then(number), n.strip_prefix("latin").and_then(number));
    NAMED.contains(&format!(" {n} "))
        || iso.and_then(number).is_some_and(|k| (1..=16).contains(&k) && k != 12)
        || n.strip_prefix("cp").is_some_and(|k| CP.contains(&format!(" {k} ")))
        || windows.is_some_and(|k| (1250..=1258).contains(&k))
        || l.or(latin).is_some_and(|k| (1..=10).contains(&k))
}

/// `errors=`, looked at only when a character or byte does not fit, as CPython looks it up:
/// `strict` raises; `ignore` drops; `replace` puts `?` (U+FFFD when decoding).
fn policy(errors: Option<&Value>, method: &str) -> PyResult<Rc<str>> {
    match errors {
        None => Ok("strict".into()),
        Some(Value::Str(s)) => Ok(Rc::clone(s)),
        Some(v) => Err(type_error(&format!("{method}() argument 'errors' must be str, not "), v, "")),
    }
}

/// What `errors` does with a character or byte that does not fit: `Ok(true)` drop it,
/// `Ok(false)` replace it, or the error (`strict`'s is `failed`).
fn on_error(errors: &str, failed: impl FnOnce() -> Value) -> PyResult<bool> {
    match errors {
        "ignore" => Ok(true),
        "replace" => Ok(false),
        "strict" => Err(failed()),
        "xmlcharrefreplace" | "backslashreplace" | "namereplace" | "surrogateescape" | "surrogatepass" => {
            unsupported(&format!("errors='{errors}'"))
        }
        _ => raise("LookupError", format!("unknown error handler name '{errors}'")),
    }
}

/// A `UnicodeEncodeError` or `UnicodeDecodeError` made as CPython makes it: of (encoding,
/// object, start, end, reason), its attributes set by `new_exception` and its `str()` by
/// [`codec_message`].
fn codec_error(kind: &'static str, codec: &str, object: Value, start: usize, end: usize, reason: &str) -> Value {
    let args = vec![Value::str(codec), object, Value::Int(start as i64), Value::Int(end as i64), Value::str(reason)];
    crate::value::new_exception(crate::value::exc_class(kind), args)
}

/// The `str()` of a `UnicodeDecodeError` (`decode`) or `UnicodeEncodeError` whose arguments
/// are (encoding, object, start, end, reason), in CPython's words; `None` for other arguments.
pub fn codec_message(decode: bool, args: &[Value]) -> Option<String> {
    let [Value::Str(codec), object, Value::Int(start), Value::Int(end), Value::Str(reason)] = args else { return None };
    let (start, end) = (usize::try_from(*start).ok()?, usize::try_from(*end).ok()?);
    let one = end == start + 1;
    let what = match object {
        Value::Bytes(b) if decode && one && start < b.len() => {
            format!("decode byte 0x{:02x} in position {start}", b[start])
        }
        Value::Str(s) if !decode && one && start < s.chars().count() => {
            let c = s.chars().nth(start).unwrap_or(' ');
            format!("encode character '{}' in position {start}", escape(c))
        }
        _ => format!(
            "{} in position {start}-{}",
            if decode { "decode bytes" } else { "encode characters" },
            end as isize - 1
        ),
    };
    Some(format!("'{codec}' codec can't {what}: {reason}"))
}

/// `s.encode(encoding="utf-8", errors="strict")`.
pub fn encode(s: &str, args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    let codec = codec(args.first().or(kwarg(kw, "encoding").as_ref()), "encode")?;
    let errors = policy(args.get(1).or(kwarg(kw, "errors").as_ref()), "encode")?;
    if codec == "utf-8" {
        return Ok(Value::Bytes(s.as_bytes().into()));
    }
    let limit = if codec == "ascii" { 128 } else { 256 };
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        if (c as u32) < limit {
            out.push(c as u8);
            continue;
        }
        // As CPython's: the error spans the whole run of characters it cannot encode.
        let failed = || {
            let end = (i..chars.len()).find(|&j| (chars[j] as u32) < limit).unwrap_or(chars.len());
            let reason = format!("ordinal not in range({limit})");
            codec_error("UnicodeEncodeError", codec, Value::str(s), i, end, &reason)
        };
        if !on_error(&errors, failed)? {
            out.push(b'?');
        }
    }
    Ok(Value::Bytes(out.into()))
}

/// A character as CPython's codec errors show it: `\xe7`, `\u0130`, `\U0001f600`.
fn escape(c: char) -> String {
    match c as u32 {
        n if n < 0x100 => format!("\\x{n:02x}"),
        n if n < 0x10000 => format!("\\u{n:04x}"),
        n => format!("\\U{n:08x}"),
    }
}

/// `b.decode(encoding="utf-8", errors="strict")`.
pub(crate) fn decode(b: &Rc<[u8]>, encoding: Option<&Value>, errors: Option<&Value>) -> PyResult {
    let codec = codec(encoding, "decode")?;
    let errors = policy(errors, "decode")?;
    if codec == "latin-1" {
        return Ok(text(b));
    }
    let mut out = String::with_capacity(b.len());
    let mut at = 0;
    while at < b.len() {
        // The next bad stretch: its start, its length, and why.
        let (good, bad, reason) = if codec == "ascii" {
            match b[at..].iter().position(|&c| c >= 128) {
                None => (b.len() - at, 0, ""),
                Some(n) => (n, 1, "ordinal not in range(128)"),
            }
        } else {
            match std::str::from_utf8(&b[at..]) {
                Ok(_) => (b.len() - at, 0, ""),
                Err(e) => {
                    let n = e.valid_up_to();
                    match e.error_len() {
                        None => (n, b.len() - at - n, "unexpected end of data"),
                        // A byte that starts nothing: a continuation byte, or one UTF-8 never uses.
                        Some(1) if matches!(b[at + n], 0x80..=0xc1 | 0xf5..) => (n, 1, "invalid start byte"),
                        Some(len) => (n, len, "invalid continuation byte"),
                    }
                }
            }
        };
        out.push_str(std::str::from_utf8(&b[at..at + good]).unwrap_or_default());
        at += good;
        if bad == 0 {
            break;
        }
        let failed = || codec_error("UnicodeDecodeError", codec, Value::Bytes(Rc::clone(b)), at, at + bad, reason);
        if !on_error(&errors, failed)? {
            out.push('\u{fffd}');
        }
        at += bad;
    }
    Ok(Value::string(out))
}

/// `bytes(...)`: empty, `n` zero bytes, a str encoded, or ints each in `range(256)`.
pub fn construct(interp: &Interp, args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    let encoding = args.get(1).cloned().or_else(|| kwarg(kw, "encoding"));
    match args.first().or(kwarg(kw, "source").as_ref()) {
        None => Ok(Value::Bytes(Rc::new([]))),
        Some(Value::Str(s)) => match encoding {
            Some(_) => encode(s, &args[1..], kw),
            None => raise("TypeError", "string argument without an encoding"),
        },
        Some(_) if encoding.is_some() => raise("TypeError", "encoding without a string argument"),
        Some(Value::Bytes(b)) => Ok(Value::Bytes(Rc::clone(b))),
        Some(Value::Int(n)) if *n < 0 => raise("ValueError", "negative count"),
        Some(Value::Int(n)) => {
            interp.alloc(*n as usize)?;
            Ok(Value::Bytes(vec![0; *n as usize].into()))
        }
        Some(v @ (Value::None | Value::Float(_) | Value::Func(_) | Value::Builtin(_) | Value::Class(_))) => {
            Err(type_error("cannot convert '", v, "' object to bytes"))
        }
        Some(v) => {
            let mut out = Vec::new();
            for x in interp.iterate(v)? {
                match x.as_int() {
                    Some(n @ 0..=255) => out.push(n as u8),
                    Some(_) => return raise("ValueError", "bytes must be in range(0, 256)"),
                    None => return Err(type_error("'", &x, "' object cannot be interpreted as an integer")),
                }
            }
            Ok(Value::Bytes(out.into()))
        }
    }
}
