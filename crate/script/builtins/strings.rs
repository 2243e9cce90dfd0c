//! The str methods (`split`, `join`, `format`, …), f-string fields and `%` formatting.

use super::*;

/// One f-string field or `format()`: the value converted (`!r`, `!s`) and formatted by `spec`.
pub fn format_field(interp: &Interp, v: &Value, conv: Option<char>, spec: &str) -> PyResult<String> {
    let err = format_error;
    let as_text = match conv {
        Some('r') => Some(interp.repr(v)?),
        Some('a') => Some(super::functions::ascii_of(interp.repr(v)?)),
        Some(_) => Some(interp.to_str(v)?),
        None => None,
    };
    if let Some(t) = as_text {
        return format::format_str(&t, spec).map_err(err);
    }
    if let Some(m) = script_method(v, "__format__") {
        return match interp.call_sync(m, vec![v.clone(), Value::str(spec)])? {
            Value::Str(s) => Ok(s.to_string()),
            r => Err(type_error("__format__ must return a str, not ", &r, "")),
        };
    }
    match v {
        Value::Bool(b) if spec.is_empty() => Ok(if *b { "True" } else { "False" }.into()),
        // As an int, its errors naming its own type (`Unknown format code 's' … 'bool'`).
        Value::Bool(b) => {
            format::format_int(*b as i64, spec).map_err(|m| err(m.replace("of type 'int'", "of type 'bool'")))
        }
        Value::Int(i) => format::format_int(*i, spec).map_err(err),
        Value::Float(f) => format::format_float(*f, spec).map_err(err),
        Value::Str(s) => format::format_str(s, spec).map_err(err),
        other if spec.is_empty() => interp.to_str(other),
        // A plain `Enum`'s member is formatted as its `str()` (`Renk.KIRMIZI`).
        Value::Instance(i) if crate::enums::is_any_member(i) => {
            format::format_str(&interp.to_str(v)?, spec).map_err(err)
        }
        other => Err(type_error("unsupported format string passed to ", other, ".__format__")),
    }
}

/// `fmt % args`: printf-style formatting.
pub(super) fn percent(interp: &Interp, fmt: &str, args: &Value) -> PyResult {
    let mut values: Vec<Value> = match args {
        Value::Tuple(t) => t.to_vec(),
        v => vec![v.clone()],
    };
    values.reverse();
    // A mapping for `%(name)s`: anything with items by key but a tuple or a str, as CPython's
    // (a list too: its key then fails as an index).
    let mapping = match args {
        Value::Dict(_) | Value::List(_) => Some(args),
        Value::Instance(_) if super::script_method(args, "__getitem__").is_some() => Some(args),
        _ => None,
    };
    let mut out = String::new();
    let next = |values: &mut Vec<Value>| {
        values.pop().ok_or_else(|| exc("TypeError", "not enough arguments for format string"))
    };
    let err = format_error;
    for piece in format::parse_percent(fmt) {
        match piece {
            format::PercentPiece::Lit(s) => out.push_str(&s),
            format::PercentPiece::Error(m) => return Err(err(m)),
            format::PercentPiece::Conv { key, width_star, precision_star, mut spec } => {
                let star = |v: Value| v.as_int().ok_or_else(|| exc("TypeError", "* wants int"));
                if width_star {
                    spec.star_width(star(next(&mut values)?)?).map_err(err)?;
                }
                if precision_star {
                    spec.star_precision(star(next(&mut values)?)?).map_err(err)?;
                }
                let v = match (&key, &mapping) {
                    // After a key, no argument is left for a spec without one (CPython's
                    // `"%(a)s %s" % d` is "not enough arguments").
                    (Some(k), Some(m)) => {
                        values.clear();
                        item_of(interp, m, &Value::str(k))?
                    }
                    (Some(_), None) => return raise("TypeError", "format requires a mapping"),
                    (None, _) => next(&mut values)?,
                };
                // A script's object is a number to `%d` through its `__int__` or `__index__`,
                // to `%x` and `%c` through `__index__`, to `%f` through `__float__`.
                let dunders: &[&str] = match spec.conv {
                    'd' | 'i' | 'u' => &["__int__", "__index__"],
                    'x' | 'X' | 'o' | 'c' => &["__index__"],
                    'e' | 'E' | 'f' | 'F' | 'g' | 'G' => &["__float__", "__index__"],
                    _ => &[],
                };
                let v = match dunders.iter().find_map(|d| super::script_method(&v, d)) {
                    Some(f) => interp.call_sync(f, vec![v])?,
                    None => v,
                };
                let s = match spec.conv {
                    's' => format::percent_str(&interp.to_str(&v)?, &spec),
                    'r' => format::percent_str(&interp.repr(&v)?, &spec),
                    'a' => format::percent_str(&super::functions::ascii_of(interp.repr(&v)?), &spec),
                    'c' => match &v {
                        Value::Str(c) if c.chars().count() == 1 => format::percent_str(c, &spec),
                        v if v.as_int().is_some() => {
                            format::percent_int(v.as_int().unwrap_or(0), &spec).map_err(err)?
                        }
                        v => return Err(err(spec.mismatch(&v.type_name()))),
                    },
                    'd' | 'i' | 'u' | 'x' | 'X' | 'o' => match &v {
                        Value::Float(f) if matches!(spec.conv, 'd' | 'i' | 'u') => {
                            format::percent_int(format::float_to_int(*f).map_err(err)?, &spec).map_err(err)?
                        }
                        v if v.as_int().is_some() => {
                            format::percent_int(v.as_int().unwrap_or(0), &spec).map_err(err)?
                        }
                        v => return Err(err(spec.mismatch(&v.type_name()))),
                    },
                    'e' | 'E' | 'f' | 'F' | 'g' | 'G' => match v.as_number() {
                        Some(f) => format::percent_float(f, &spec).map_err(err)?,
                        None => return Err(err(spec.mismatch(&v.type_name()))),
                    },
                    _ => return Err(err(spec.mismatch(&v.type_name()))),
                };
                out.push_str(&s);
            }
        }
    }
    if !values.is_empty() && mapping.is_none() {
        return raise("TypeError", "not all arguments converted during string formatting");
    }
    Ok(Value::string(out))
}

/// The bytes of `s` that the optional `start` and `end` (in characters, as a slice takes them;
/// None for an end) select for `find`, `count`, `startswith` and the like; None where CPython
/// finds nothing, not even "" (a start past the end, or an end before the start).
fn span(s: &str, start: Option<&Value>, end: Option<&Value>) -> PyResult<Option<(usize, usize)>> {
    let n = s.chars().count() as i64;
    let (from, to) = (bound_arg(start, 0, n, true)?, bound_arg(end, n, n, true)?.min(n));
    if from > n || to < from {
        return Ok(None);
    }
    let byte = |c: i64| s.char_indices().nth(c as usize).map_or(s.len(), |(b, _)| b);
    Ok(Some((byte(from), byte(to))))
}

pub(crate) fn str_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    str_method_on(interp, name, &args, &kw)
}

fn str_method_on(interp: &Interp, name: &'static str, args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    let Some(Value::Str(s)) = args.first() else {
        let v = args.first().unwrap_or(&Value::None);
        return Err(type_error(&format!("descriptor '{name}' for 'str' objects doesn't apply to a '"), v, "' object"));
    };
    let s = Rc::clone(s);
    let a = &args[1..];
    let new = |x: String| Ok(Value::string(x));
    // An argument that must be a str, as CPython words its absence (`missing`) and a wrong type (`not`).
    let need = |i: usize, missing: &dyn Fn() -> String, not: &str| -> PyResult<Rc<str>> {
        match a.get(i) {
            Some(Value::Str(x)) => Ok(Rc::clone(x)),
            Some(v) => Err(type_error(not, v, "")),
            None => raise("TypeError", missing()),
        }
    };
    let given = a.len();
    // `None`: whitespace; an empty string strips nothing.
    let strip_chars = |i| -> PyResult<Option<Vec<char>>> {
        match a.get(i) {
            None | Some(Value::None) => Ok(None),
            Some(Value::Str(c)) => Ok(Some(c.chars().collect())),
            Some(_) => raise("TypeError", format!("{name} arg must be None or str")),
        }
    };
    match name {
        "encode" => crate::bytes::encode(&s, a, kw),
        "upper" => new(format::upper(&s)),
        "lower" => new(format::lower(&s)),
        "swapcase" => {
            let mut out = String::with_capacity(s.len());
            // As CPython's: a titlecase letter (`ǲ`), neither upper nor lower, stays.
            for (i, c) in s.char_indices() {
                if c.is_uppercase() {
                    format::push_lower_in(&mut out, &s, i, c);
                } else if c.is_lowercase() {
                    format::push_upper(&mut out, c);
                } else {
                    out.push(c);
                }
            }
            new(out)
        }
        "strip" | "lstrip" | "rstrip" => {
            let chars = strip_chars(0)?;
            let pred = |c: char| chars.as_ref().map_or_else(|| is_space(c), |cs| cs.contains(&c));
            new(match name {
                "strip" => s.trim_matches(pred),
                "lstrip" => s.trim_start_matches(pred),
                _ => s.trim_end_matches(pred),
            }
            .to_string())
        }
        "split" | "rsplit" => {
            let sep = match a.first().cloned().or(kwarg(kw, "sep")) {
                None | Some(Value::None) => None,
                Some(Value::Str(x)) => Some(x),
                Some(v) => return Err(type_error("must be str or None, not ", &v, "")),
            };
            let max = match a.get(1).cloned().or(kwarg(kw, "maxsplit")) {
                Some(v) => int_arg(&v, "")?,
                None => -1,
            };
            let parts: Vec<&str> = match (&sep, max) {
                (Some(sep), _) if sep.is_empty() => return raise("ValueError", "empty separator"),
                // A maxsplit below 0 or past what a usize holds splits as often as it can
                // (`rsplit` from the right: "aaa".rsplit("aa") is ['a', '']).
                (Some(sep), m) if name == "split" => {
                    s.splitn(usize::try_from(m).map_or(usize::MAX, |m| m.saturating_add(1)), &**sep).collect()
                }
                (Some(sep), m) => {
                    let n = usize::try_from(m).map_or(usize::MAX, |m| m.saturating_add(1));
                    let mut v: Vec<&str> = s.rsplitn(n, &**sep).collect();
                    v.reverse();
                    v
                }
                (None, m) if m < 0 => s.split(is_space).filter(|w| !w.is_empty()).collect(),
                (None, m) if name == "rsplit" => {
                    // From the right: the first `m` words off the end, the rest left whole.
                    let mut out = Vec::new();
                    let mut rest = s.trim_end_matches(is_space);
                    while !rest.is_empty() && (out.len() as i64) < m {
                        match rest.rfind(is_space) {
                            Some(at) => {
                                let space = rest[at..].chars().next().map_or(1, char::len_utf8);
                                out.push(&rest[at + space..]);
                                rest = rest[..at].trim_end_matches(is_space);
                            }
                            None => {
                                out.push(rest);
                                rest = "";
                            }
                        }
                    }
                    if !rest.is_empty() {
                        out.push(rest);
                    }
                    out.reverse();
                    out
                }
                (None, m) => {
                    let mut out = Vec::new();
                    let mut rest = s.trim_start_matches(is_space);
                    while !rest.is_empty() && (out.len() as i64) < m {
                        match rest.find(is_space) {
                            Some(at) => {
                                out.push(&rest[..at]);
                                rest = rest[at..].trim_start_matches(is_space);
                            }
                            None => {
                                out.push(rest);
                                rest = "";
                            }
                        }
                    }
                    if !rest.is_empty() {
                        out.push(rest);
                    }
                    out
                }
            };
            interp.alloc(parts.len())?;
            Ok(str_list(parts))
        }
        "splitlines" => {
            let keep = a.first().cloned().or(kwarg(kw, "keepends")).is_some_and(|k| k.truthy());
            let mut lines = Vec::new();
            let mut rest = &*s;
            while !rest.is_empty() {
                // CPython's line ends: \r\n, \n, \r and the rest of Unicode's.
                let end =
                    rest.find(['\n', '\r', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\u{85}', '\u{2028}', '\u{2029}']);
                let Some(at) = end else {
                    lines.push(rest);
                    break;
                };
                let len = if rest[at..].starts_with("\r\n") {
                    2
                } else {
                    rest[at..].chars().next().map_or(1, char::len_utf8)
                };
                lines.push(if keep { &rest[..at + len] } else { &rest[..at] });
                rest = &rest[at + len..];
            }
            Ok(str_list(lines))
        }
        "join" => {
            let items = match a.first() {
                None | Some(Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_)) => {
                    return raise("TypeError", "can only join an iterable")
                }
                Some(v) => interp.iterate(v)?,
            };
            let mut out = String::new();
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(&s);
                }
                // A `StrEnum`'s member is a str.
                match crate::enums::plain(item) {
                    Value::Str(x) => out.push_str(&x),
                    _ => {
                        return raise(
                            "TypeError",
                            format!("sequence item {i}: expected str instance, {} found", item.type_name()),
                        )
                    }
                }
            }
            interp.alloc(out.len() / 16)?;
            new(out)
        }
        "replace" => {
            let missing = || format!("replace expected at least 2 arguments, got {given}");
            let old = need(0, &missing, "replace() argument 1 must be str, not ")?;
            let newer = need(1, &missing, "replace() argument 2 must be str, not ")?;
            let count = match a.get(2) {
                Some(v) => int_arg(v, "")?,
                None => -1,
            };
            if count < 0 {
                interp.alloc(s.len() / 16)?;
                new(s.replace(&*old, &newer))
            } else {
                new(s.replacen(&*old, &newer, usize::try_from(count).unwrap_or(usize::MAX)))
            }
        }
        "startswith" | "endswith" => {
            let part = span(&s, a.get(1), a.get(2))?.map(|(from, to)| &s[from..to]);
            let test = |p: &str| {
                part.is_some_and(|part| if name == "startswith" { part.starts_with(p) } else { part.ends_with(p) })
            };
            Ok(Value::Bool(match a.first() {
                Some(Value::Str(p)) => test(p),
                Some(Value::Tuple(ps)) => {
                    let mut any = false;
                    for p in ps.iter() {
                        match p {
                            Value::Str(p) if test(p) => {
                                any = true;
                                break; // CPython looks no further
                            }
                            Value::Str(_) => {}
                            v => {
                                return Err(type_error(&format!("tuple for {name} must only contain str, not "), v, ""))
                            }
                        }
                    }
                    any
                }
                Some(v) => {
                    return Err(type_error(&format!("{name} first arg must be str or a tuple of str, not "), v, ""))
                }
                None => return raise("TypeError", format!("{name}() takes at least 1 argument (0 given)")),
            }))
        }
        "removeprefix" | "removesuffix" => {
            let missing = || format!("str.{name}() takes exactly one argument (0 given)");
            let x = need(0, &missing, &format!("{name}() argument must be str, not "))?;
            let out = if name == "removeprefix" { s.strip_prefix(&*x) } else { s.strip_suffix(&*x) };
            new(out.unwrap_or(&s).to_string())
        }
        "find" | "rfind" | "index" | "rindex" => {
            let sub = need(0, &|| format!("{name}() takes at least 1 argument (0 given)"), "must be str, not ")?;
            let found = span(&s, a.get(1), a.get(2))?.and_then(|(from, to)| {
                let part = &s[from..to];
                let at = if name.starts_with('r') { part.rfind(&*sub) } else { part.find(&*sub) };
                at.map(|b| b + from)
            });
            match found {
                Some(b) => Ok(Value::Int(s[..b].chars().count() as i64)),
                None if name.ends_with("index") => raise("ValueError", "substring not found"),
                None => Ok(Value::Int(-1)),
            }
        }
        "count" => {
            let sub = need(0, &|| "count() takes at least 1 argument (0 given)".into(), "must be str, not ")?;
            let Some((from, to)) = span(&s, a.get(1), a.get(2))? else { return Ok(Value::Int(0)) };
            let part = &s[from..to];
            Ok(Value::Int(if sub.is_empty() {
                part.chars().count() as i64 + 1
            } else {
                part.matches(&*sub).count() as i64
            }))
        }
        "format" => str_format(interp, &s, a, kw),
        "format_map" => match a {
            [v @ (Value::Dict(_) | Value::Instance(_))] => format_map(interp, &s, v),
            [v] => Err(type_error("'", v, "' object is not subscriptable")),
            _ => raise("TypeError", format!("format_map() takes exactly one argument ({given} given)")),
        },
        "center" | "ljust" | "rjust" => {
            if given == 0 {
                return raise("TypeError", format!("{name} expected at least 1 argument, got 0"));
            }
            let width = str_width(interp, a.first())?;
            let fill = match a.get(1) {
                Some(Value::Str(f)) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
                Some(Value::Str(_)) => {
                    return raise("TypeError", "The fill character must be exactly one character long")
                }
                Some(v) => return Err(type_error("The fill character must be a unicode character, not ", v, "")),
                None => ' ',
            };
            let n = s.chars().count();
            if n >= width {
                return Ok(Value::Str(s));
            }
            let pad = width - n;
            let (left, right) = match name {
                "ljust" => (0, pad),
                "rjust" => (pad, 0),
                _ => {
                    // CPython's centring: the extra space goes left when the width is odd.
                    let left = pad / 2 + (pad & width & 1);
                    (left, pad - left)
                }
            };
            let f = |k: usize| fill.to_string().repeat(k);
            new(format!("{}{s}{}", f(left), f(right)))
        }
        "maketrans" => maketrans(a),
        "translate" => match a {
            [table] => translate(interp, &s, table),
            _ => raise("TypeError", format!("str.translate() takes exactly one argument ({given} given)")),
        },
        "expandtabs" => {
            let size = match a.first().cloned().or(kwarg(kw, "tabsize")) {
                Some(v) => int_arg(&v, "")?,
                None => 8,
            };
            // Columns count from each line's start; a tab pads to the next multiple of `size`.
            let mut out = String::with_capacity(s.len());
            let mut column = 0i64;
            for c in s.chars() {
                match c {
                    '\t' if size > 0 => {
                        let pad = size - column % size;
                        interp.alloc(usize::try_from(pad / 16).unwrap_or(usize::MAX))?;
                        out.extend(std::iter::repeat_n(' ', usize::try_from(pad).unwrap_or(0)));
                        column += pad;
                    }
                    '\t' => {}
                    '\n' | '\r' => {
                        out.push(c);
                        column = 0;
                    }
                    c => {
                        out.push(c);
                        column += 1;
                    }
                }
            }
            new(out)
        }
        "zfill" => {
            let width = str_width(interp, a.first())?;
            let n = s.chars().count();
            if n >= width {
                return Ok(Value::Str(s));
            }
            let (sign, rest) = match s.chars().next() {
                Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
                _ => (String::new(), &s[..]),
            };
            new(format!("{sign}{}{rest}", "0".repeat(width - n)))
        }
        "title" | "capitalize" => {
            let mut out = String::new();
            let mut start = true;
            for (i, c) in s.char_indices() {
                if (name == "title" && start) || (name == "capitalize" && i == 0) {
                    format::push_title(&mut out, c);
                } else {
                    format::push_lower_in(&mut out, &s, i, c);
                }
                // A word starts after any uncased character (`中a` → `中A`), as in CPython.
                start = !is_cased(c);
            }
            new(out)
        }
        "partition" | "rpartition" => {
            let missing = || format!("str.{name}() takes exactly one argument (0 given)");
            let sep = need(0, &missing, "must be str, not ")?;
            if sep.is_empty() {
                return raise("ValueError", "empty separator");
            }
            let parts = if name == "partition" { s.split_once(&*sep) } else { s.rsplit_once(&*sep) };
            Ok(match parts {
                Some((x, y)) => Value::tuple(vec![Value::str(x), Value::Str(sep), Value::str(y)]),
                None if name == "rpartition" => {
                    Value::tuple(vec![Value::str(""), Value::str(""), Value::Str(s.clone())])
                }
                None => Value::tuple(vec![Value::Str(s.clone()), Value::str(""), Value::str("")]),
            })
        }
        // Numeric is Unicode's `N*` categories here: CPython's also counts the CJK numerals (`一`, `百`).
        "isdigit" | "isdecimal" | "isnumeric" => {
            let test = match name {
                "isdigit" => format::is_digit,
                "isdecimal" => format::is_decimal,
                _ => char::is_numeric,
            };
            Ok(Value::Bool(!s.is_empty() && s.chars().all(test)))
        }
        "casefold" => {
            let mut out = String::with_capacity(s.len());
            s.chars().for_each(|c| push_casefold(&mut out, c));
            new(out)
        }
        // Not the letter-like numerals (`Ⅻ`) that Rust's alphabetic counts (its combining vowel
        // signs and circled letters still pass, where CPython takes Unicode's letters only).
        "isalpha" => Ok(Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_alphabetic() && !c.is_numeric()))),
        "isalnum" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_alphanumeric))),
        "isspace" => Ok(Value::Bool(!s.is_empty() && s.chars().all(is_space))),
        "isascii" => Ok(Value::Bool(s.is_ascii())),
        "isidentifier" => Ok(Value::Bool(crate::lexer::is_identifier(&s))),
        "isupper" | "islower" => {
            let upper = name == "isupper";
            let (yes, no) = (|c: char| c.is_uppercase() == upper, |c: char| c.is_lowercase() == upper);
            let cased = |c: char| c.is_uppercase() || c.is_lowercase();
            // Every cased character of the one case, and at least one (a titlecase letter is of neither).
            Ok(Value::Bool(
                s.chars().any(|c| cased(c) && yes(c)) && !s.chars().any(|c| (cased(c) && no(c)) || is_titlecase(c)),
            ))
        }
        "istitle" => {
            // Capitals only after uncased characters, small letters only after cased ones.
            let (mut cased, mut after_cased) = (false, false);
            for c in s.chars() {
                if c.is_uppercase() || is_titlecase(c) {
                    if after_cased {
                        return Ok(Value::Bool(false));
                    }
                    (cased, after_cased) = (true, true);
                } else if c.is_lowercase() {
                    if !after_cased {
                        return Ok(Value::Bool(false));
                    }
                    cased = true;
                } else {
                    after_cased = false;
                }
            }
            Ok(Value::Bool(cased))
        }
        _ => unsupported_method("str", name),
    }
}

/// Whether `c` is a titlecase letter (category Lt: `ǅ`, `ǈ`, `ǋ`, `ǲ` and Greek's with a
/// subscript iota), which starts a word in `istitle` and is neither upper nor lower case.
fn is_titlecase(c: char) -> bool {
    matches!(c as u32, 0x1c5 | 0x1c8 | 0x1cb | 0x1f2 | 0x1f88..=0x1f8f | 0x1f98..=0x1f9f | 0x1fa8..=0x1faf | 0x1fbc | 0x1fcc | 0x1ffc)
}

/// CPython's cased characters: upper, lower or title case.
fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase() || is_titlecase(c)
}

/// Appends `c` case-folded, as `str.casefold` does: for every letter but the Turkish dotless
/// ı, ẞ and Cherokee's (folded to their upper case), the lower case of its upper case, one
/// character at a time (so no final sigma): ß → ss, ﬁ → fi, ς → σ, µ → μ, ſ → s. The same as
/// CPython 3.11's for every character of its Unicode (14.0). On the page's own case tables
/// (std's would add theirs to the wasm).
fn push_casefold(out: &mut String, c: char) {
    match c {
        'ı' => out.push(c),
        'ẞ' => out.push_str("ss"),
        '\u{13a0}'..='\u{13ff}' | '\u{ab70}'..='\u{abbf}' => format::push_upper(out, c),
        _ => {
            let mut upper = String::new();
            format::push_upper(&mut upper, c);
            upper.chars().for_each(|u| format::push_lower(out, u));
        }
    }
}

/// A list of these strs.
pub(super) fn str_list(parts: Vec<&str>) -> Value {
    let mut out = Vec::with_capacity(parts.len());
    for p in parts {
        out.push(Value::str(p));
    }
    Value::list(out)
}

/// `"…".format_map(mapping)`: each field's name looked up in `mapping` as `mapping[name]`
/// (a defaultdict's default, a class's `__getitem__`), as `logging`'s `style="{"` does too.
pub fn format_map(interp: &Interp, fmt: &str, mapping: &Value) -> PyResult {
    let mut numbering = Numbering { next: 0, manual: None };
    Ok(Value::string(format_into(interp, fmt, &[], Names::Mapping(mapping), &mut numbering, 0)?))
}

/// `"…".format(*args, **kw)`.
pub(super) fn str_format(interp: &Interp, fmt: &str, args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    let mut numbering = Numbering { next: 0, manual: None };
    Ok(Value::string(format_into(interp, fmt, args, Names::Keywords(kw), &mut numbering, 0)?))
}

/// Where a format's named fields come from: `format`'s keywords or `format_map`'s mapping.
#[derive(Clone, Copy)]
enum Names<'a> {
    Keywords(&'a [(Name, Value)]),
    Mapping(&'a Value),
}

/// `obj[key]` as a built-in that takes a mapping or a table asks it: a class's own
/// `__getitem__` too, and a dict's `__missing__` (a `defaultdict`'s default, a `Counter`'s 0).
pub(super) fn item_of(interp: &Interp, obj: &Value, key: &Value) -> PyResult {
    match super::script_method(obj, "__getitem__") {
        Some(m) => interp.call_sync(m, vec![obj.clone(), key.clone()]),
        None => get_item(interp, obj, key),
    }
}

/// How `str.format`'s fields have been numbered so far: the next automatic number, and whether
/// they are numbered by hand (`{0}`) or automatically (`{}`), which may not be mixed.
struct Numbering {
    next: usize,
    manual: Option<bool>,
}

impl Numbering {
    fn set(&mut self, manual: bool) -> PyResult<()> {
        match self.manual.replace(manual) {
            Some(was) if was != manual => {
                let (from, to) = if manual {
                    ("automatic field numbering", "manual field specification")
                } else {
                    ("manual field specification", "automatic field numbering")
                };
                raise("ValueError", format!("cannot switch from {from} to {to}"))
            }
            _ => Ok(()),
        }
    }
}

/// `fmt` formatted; `nested`: 1 inside a field's format spec (`{:>{width}}`), whose own fields
/// are formatted first, as CPython does, one level deep.
fn format_into(
    interp: &Interp,
    fmt: &str,
    args: &[Value],
    names: Names,
    numbering: &mut Numbering,
    nested: u8,
) -> PyResult<String> {
    let mut out = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '}' => return raise("ValueError", "Single '}' encountered in format string"),
            '{' => {
                let mut field = String::new();
                let mut depth = 1;
                for c in chars.by_ref() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    field.push(c);
                }
                if depth != 0 {
                    // CPython's words, by how far the field got.
                    let m = match field.find([':', '!']) {
                        _ if field.is_empty() => "Single '{' encountered in format string",
                        Some(i) if field[i..] == *"!" => "end of string while looking for conversion specifier",
                        Some(_) => "unmatched '{' in format spec",
                        None => "expected '}' before end of string",
                    };
                    return raise("ValueError", m);
                }
                if nested > 1 {
                    return raise("ValueError", "Max string recursion exceeded");
                }
                let (head, spec) = field.split_once(':').unwrap_or((&field, ""));
                let (name, conv) = match head.split_once('!') {
                    Some((n, c)) => (n, Some(conversion(c)?)),
                    None => (head, None),
                };
                // `0`, `name`, then any `.attr` and `[key]` after it.
                let cut = name.find(['.', '[']).unwrap_or(name.len());
                let (base, mut rest) = name.split_at(cut);
                // `format_map` has no positional arguments to number.
                let positional = base.is_empty() || base.bytes().all(|b| b.is_ascii_digit());
                if positional && matches!(names, Names::Mapping(_)) {
                    return raise("ValueError", "Format string contains positional fields");
                }
                let mut v = if base.is_empty() {
                    numbering.set(false)?;
                    let i = numbering.next;
                    numbering.next += 1;
                    args.get(i).cloned().ok_or_else(|| {
                        exc("IndexError", format!("Replacement index {i} out of range for positional args tuple"))
                    })?
                } else if let Ok(i) = base.parse::<usize>() {
                    numbering.set(true)?;
                    args.get(i).cloned().ok_or_else(|| {
                        exc("IndexError", format!("Replacement index {i} out of range for positional args tuple"))
                    })?
                } else {
                    match names {
                        Names::Keywords(kw) => kwarg(kw, base).ok_or_else(|| key_error(&Value::str(base)))?,
                        Names::Mapping(m) => item_of(interp, m, &Value::str(base))?,
                    }
                };
                while !rest.is_empty() {
                    if let Some(after) = rest.strip_prefix('.') {
                        let end = after.find(['.', '[']).unwrap_or(after.len());
                        if end == 0 {
                            return raise("ValueError", "Empty attribute in format string");
                        }
                        v = get_attr(interp, &v, intern(&after[..end]))?;
                        rest = &after[end..];
                    } else if let Some((key, after)) = rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
                        if key.is_empty() {
                            return raise("ValueError", "Empty attribute in format string");
                        }
                        // Digits only are an index (`{0[-1]}` looks up the str "-1"), as CPython's.
                        let digits = !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit());
                        let k = key.parse::<i64>().ok().filter(|_| digits).map_or_else(|| Value::str(key), Value::Int);
                        v = item_of(interp, &v, &k)?;
                        rest = after;
                    } else if rest.starts_with('[') {
                        // An index left open to the end (`{0[}`): CPython's scan for the field's
                        // end read on to the string's end, looking for its `]`.
                        return raise("ValueError", "expected '}' before end of string");
                    } else {
                        return raise("ValueError", "Only '.' or '[' may follow ']' in format field specifier");
                    }
                }
                let spec = match spec.contains('{') {
                    true => format_into(interp, spec, args, names, numbering, nested + 1)?,
                    false => spec.to_string(),
                };
                out.push_str(&format_field(interp, &v, conv, &spec)?);
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// The width `center`, `ljust`, `rjust` and `zfill` pad to, its memory counted (a width past
/// the page's memory is a MemoryError, never a silently shorter string).
fn str_width(interp: &Interp, v: Option<&Value>) -> PyResult<usize> {
    let width = usize::try_from(int_arg(v.unwrap_or(&Value::Int(0)), "")?.max(0)).unwrap_or(usize::MAX);
    interp.alloc(width / 16)?;
    Ok(width)
}

/// A replacement field's conversion (what follows its `!`), checked as CPython checks it.
fn conversion(c: &str) -> PyResult<char> {
    let mut chars = c.chars();
    match (chars.next(), chars.next()) {
        (None, _) => raise("ValueError", "unmatched '{' in format spec"),
        (Some(_), Some(_)) => raise("ValueError", "expected ':' after conversion specifier"),
        (Some(ch @ ('r' | 's' | 'a')), None) => Ok(ch),
        (Some(ch @ '!'..='~'), None) => raise("ValueError", format!("Unknown conversion specifier {ch}")),
        (Some(ch), None) => raise("ValueError", format!("Unknown conversion specifier \\x{:x}", ch as u32)),
    }
}

/// Whitespace as `str.split()`, `strip()` and `isspace()` see it: Unicode's, and the four
/// separators `\x1c`–`\x1f` besides.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// `str.maketrans(x[, y[, z]])`: the table `translate` reads, `{ord: ord, str or None}`: from
/// a dict of characters or ordinals, or two strings of equal length (each character of the
/// first to the second's), and the characters of a third to delete.
pub(super) fn maketrans(a: &[Value]) -> PyResult {
    let mut table = Dict::default();
    let mut put = |k: Value, v: Value| -> PyResult<()> {
        table.insert(k.key()?, k, v);
        Ok(())
    };
    let ord = |c: char| Value::Int(i64::from(u32::from(c)));
    match a {
        [] => return raise("TypeError", "maketrans expected at least 1 argument, got 0"),
        [Value::Dict(d)] => {
            for (k, v) in d.borrow().entries() {
                let mut chars = match &k {
                    Value::Int(_) => {
                        put(k, v)?;
                        continue;
                    }
                    Value::Str(c) => c.chars(),
                    _ => return raise("TypeError", "keys in translate table must be strings or integers"),
                };
                match (chars.next(), chars.next()) {
                    (Some(c), None) => put(ord(c), v)?,
                    _ => return raise("ValueError", "string keys in translate table must be of length 1"),
                }
            }
        }
        [_] => return raise("TypeError", "if you give only one argument to maketrans it must be a dict"),
        [x, y, rest @ ..] if rest.len() <= 1 => {
            let text = |i: usize, v: &Value| match v {
                Value::Str(t) => Ok(Rc::clone(t)),
                v => Err(type_error(&format!("maketrans() argument {} must be str, not ", i + 1), v, "")),
            };
            let (x, y) = (text(0, x)?, text(1, y)?);
            if x.chars().count() != y.chars().count() {
                return raise("ValueError", "the first two maketrans arguments must have equal length");
            }
            for (k, v) in x.chars().zip(y.chars()) {
                put(ord(k), ord(v))?;
            }
            if let Some(z) = rest.first() {
                for k in text(2, z)?.chars() {
                    put(ord(k), Value::None)?;
                }
            }
        }
        _ => return raise("TypeError", format!("maketrans expected at most 3 arguments, got {}", a.len())),
    }
    Ok(Value::dict(table))
}

/// `s.translate(table)`: each character looked up in `table` by its ordinal (`table[ord(c)]`):
/// None deletes it, an int or a str replaces it, and a missing key keeps it.
fn translate(interp: &Interp, s: &str, table: &Value) -> PyResult {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match item_of(interp, table, &Value::Int(i64::from(u32::from(c)))) {
            Ok(Value::None) => {}
            Ok(Value::Str(t)) => out.push_str(&t),
            Ok(Value::Int(n)) => match u32::try_from(n).ok().and_then(char::from_u32) {
                Some(r) => out.push(r),
                None => return raise("ValueError", "character mapping must be in range(0x110000)"),
            },
            Ok(_) => return raise("TypeError", "character mapping must return integer, None or str"),
            Err(e) if e.class().is_subclass(&exc_class("LookupError")) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(Value::string(out))
}
