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
use super::value::{exc, raise, PyResult, Value};

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
        "hex" => Value::string(b.iter().fold(String::new(), |mut s, c| {
            let _ = write!(s, "{c:02x}");
            s
        })),
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
        "split" | "rsplit" if args.len() == 1 && kwarg(&kw, "sep").is_none() => {
            let max = kwarg(&kw, "maxsplit").and_then(|m| m.as_int()).filter(|&m| m >= 0);
            let words: Vec<&[u8]> = b.split(|c| SPACE.as_bytes().contains(c)).filter(|w| !w.is_empty()).collect();
            if max.is_some() {
                return unsupported("bytes.split(maxsplit=) without a separator");
            }
            Value::list(words.into_iter().map(|w| Value::Bytes(w.into())).collect())
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
            for a in &args[1..] {
                call.push(as_text(a)?);
            }
            let kw = kw.iter().map(|(k, v)| Ok((*k, as_text(v)?))).collect::<PyResult<_>>()?;
            back(super::builtins::str_method(interp, name, call, kw)?)
        }
    })
}

/// An encoding's name as CPython normalises it (`UTF8`, `utf_8`: `utf-8`), if it is one of
/// the three this interpreter has.
fn codec(encoding: Option<&Value>) -> PyResult<&'static str> {
    let name = match encoding {
        None => return Ok("utf-8"),
        Some(Value::Str(s)) => s.to_ascii_lowercase().replace('_', "-"),
        Some(v) => return Err(type_error("encode() argument 'encoding' must be str, not ", v, "")),
    };
    match name.as_str() {
        "utf-8" | "utf8" | "u8" => Ok("utf-8"),
        "ascii" | "us-ascii" => Ok("ascii"),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => Ok("latin-1"),
        _ => unsupported(&format!("the '{name}' encoding (only UTF-8, ASCII and Latin-1)")),
    }
}

/// `errors=`: `strict` (raise), `ignore` (drop) or `replace` (`?`, or U+FFFD when decoding).
fn policy(errors: Option<&Value>) -> PyResult<&'static str> {
    match errors {
        None => Ok("strict"),
        Some(Value::Str(s)) if matches!(&**s, "strict" | "ignore" | "replace") => Ok(if &**s == "strict" {
            "strict"
        } else if &**s == "ignore" {
            "ignore"
        } else {
            "replace"
        }),
        Some(Value::Str(s)) => unsupported(&format!("errors='{s}'")),
        Some(v) => Err(type_error("encode() argument 'errors' must be str, not ", v, "")),
    }
}

/// `s.encode(encoding="utf-8", errors="strict")`.
pub fn encode(s: &str, args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    let codec = codec(args.first().or(kwarg(kw, "encoding").as_ref()))?;
    let errors = policy(args.get(1).or(kwarg(kw, "errors").as_ref()))?;
    if codec == "utf-8" {
        return Ok(Value::Bytes(s.as_bytes().into()));
    }
    let limit = if codec == "ascii" { 128 } else { 256 };
    let mut out = Vec::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i] as u32;
        if c < limit {
            out.push(c as u8);
            i += 1;
            continue;
        }
        match errors {
            "ignore" => {}
            "replace" => out.push(b'?'),
            _ => {
                // As CPython's: the whole run of characters it cannot encode.
                let end = (i..chars.len()).find(|&j| (chars[j] as u32) < limit).unwrap_or(chars.len());
                let what = match end - i {
                    1 => format!("character '{}' in position {i}", escape(chars[i])),
                    _ => format!("characters in position {i}-{}", end - 1),
                };
                let m = format!("'{codec}' codec can't encode {what}: ordinal not in range({limit})");
                return Err(exc("UnicodeEncodeError", m));
            }
        }
        i += 1;
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
fn decode(b: &[u8], encoding: Option<&Value>, errors: Option<&Value>) -> PyResult {
    let codec = codec(encoding)?;
    let errors = policy(errors)?;
    match codec {
        "latin-1" => Ok(text(b)),
        "ascii" => match b.iter().position(|&c| c >= 128) {
            None => Ok(text(b)),
            Some(at) if errors == "strict" => {
                let m = format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {at}: ordinal not in range(128)",
                    b[at]
                );
                raise("UnicodeDecodeError", m)
            }
            Some(_) => Ok(Value::string(
                b.iter()
                    .filter_map(
                        |&c| if c < 128 { Some(c as char) } else { (errors == "replace").then_some('\u{fffd}') },
                    )
                    .collect(),
            )),
        },
        _ => match std::str::from_utf8(b) {
            Ok(s) => Ok(Value::str(s)),
            Err(e) if errors == "strict" => {
                let at = e.valid_up_to();
                let (n, why) = match e.error_len() {
                    None => (b.len() - at, "unexpected end of data"),
                    // A byte that starts nothing: a continuation byte, or one UTF-8 never uses.
                    Some(1) if matches!(b[at], 0x80..=0xc1 | 0xf5..) => (1, "invalid start byte"),
                    Some(n) => (n, "invalid continuation byte"),
                };
                let what = match n {
                    1 => format!("byte 0x{:02x} in position {at}", b[at]),
                    n => format!("bytes in position {at}-{}", at + n - 1),
                };
                raise("UnicodeDecodeError", format!("'utf-8' codec can't decode {what}: {why}"))
            }
            Err(_) if errors == "replace" => Ok(Value::string(String::from_utf8_lossy(b).into_owned())),
            Err(_) => {
                let mut out = String::new();
                let mut rest = b;
                while !rest.is_empty() {
                    match std::str::from_utf8(rest) {
                        Ok(s) => {
                            out.push_str(s);
                            break;
                        }
                        Err(e) => {
                            let at = e.valid_up_to();
                            out.push_str(std::str::from_utf8(&rest[..at]).unwrap_or_default());
                            rest = &rest[at + e.error_len().unwrap_or(rest.len() - at)..];
                        }
                    }
                }
                Ok(Value::string(out))
            }
        },
    }
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
