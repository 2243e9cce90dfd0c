//! `datetime`: `datetime` and `timedelta` on the run's clock (`datetime.now()` reads what
//! `time.time()` reads, in UTC: the same moment in every run, and virtual time in a virtual
//! run), as CPython prints, formats and counts them. Each is an object of its own class over a
//! count of microseconds (since 1970 for a `datetime`), kept in `_us`; its fields are computed
//! when asked (`__getattr__`), and its operators are the class's methods, as a script's are.

use std::rc::Rc;

use super::ast::{intern, Name};
use super::builtins::{builtin, kwarg, not_implemented};
use super::interp::Interp;
use super::value::*;

const US_PER_DAY: i64 = 86_400_000_000;

/// What both classes have: a value's printing, comparing, hashing and adding.
const SHARED_METHODS: [&str; 13] = [
    "__getattr__",
    "__repr__",
    "__str__",
    "__eq__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__hash__",
    "__add__",
    "__radd__",
    "__sub__",
    "__format__",
];

const DATETIME_METHODS: &[&str] = &["strftime", "isoformat", "timestamp", "weekday", "isoweekday", "replace"];

const TIMEDELTA_METHODS: &[&str] = &[
    "total_seconds",
    "__mul__",
    "__rmul__",
    "__truediv__",
    "__floordiv__",
    "__mod__",
    "__neg__",
    "__pos__",
    "__abs__",
    "__bool__",
];

/// The module's names.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    vec![("datetime", Value::Class(class("datetime"))), ("timedelta", Value::Class(class("timedelta")))]
}

/// The `datetime` or `timedelta` class, its methods set once.
fn class(name: &'static str) -> Rc<Class> {
    let class = other_class(name);
    if class.attrs.borrow().is_empty() {
        let (methods, call): (&[&'static str], BuiltinFn) = match name {
            "datetime" => (DATETIME_METHODS, datetime_method),
            _ => (TIMEDELTA_METHODS, timedelta_method),
        };
        let mut attrs: Vec<(Name, Value)> =
            methods.iter().chain(&SHARED_METHODS).map(|&n| (intern(n), builtin(n, call))).collect();
        if name == "datetime" {
            // Called on the class: `datetime.now()`.
            for n in ["now", "today", "utcnow", "fromtimestamp", "strptime", "fromisoformat", "combine"] {
                attrs.push((intern(n), builtin(n, class_method)));
            }
        }
        *class.attrs.borrow_mut() = attrs;
    }
    class
}

/// Whether `c` is one of this module's classes (calling it makes one).
pub fn is_own(c: &Class) -> bool {
    c.kind == Kind::Other && matches!(&*c.name, "datetime" | "timedelta")
}

/// A datetime of `us`, if it is within years 1 to 9999 (CPython's range).
fn datetime_at(us: Option<i64>) -> PyResult {
    match us {
        Some(us) if (1..=9999).contains(&fields(us)[0]) => Ok(make("datetime", us)),
        _ => raise("OverflowError", "date value out of range"),
    }
}

fn make(name: &'static str, us: i64) -> Value {
    let me = Instance::new(class(name));
    me.set(intern("_us"), Value::Int(us));
    Value::Instance(me)
}

/// Why `obj.name = …` fails if `obj` is a datetime or a timedelta (immutable, as CPython's):
/// its own fields are read-only (named by the type that defines them), and it takes no other.
pub fn set_error(obj: &Value, name: Name) -> Option<Exc> {
    let kind = ["datetime", "timedelta"].into_iter().find(|k| us_of(obj, k).is_some())?;
    let n = text(name);
    let owner = match &*n {
        "year" | "month" | "day" if kind == "datetime" => "date",
        "hour" | "minute" | "second" | "microsecond" | "tzinfo" | "fold" if kind == "datetime" => "datetime",
        // A timedelta's are members, which say so in fewer words.
        "days" | "seconds" | "microseconds" if kind == "timedelta" => {
            return Some(exc("AttributeError", "readonly attribute"))
        }
        _ => return Some(exc("AttributeError", format!("'datetime.{kind}' object has no attribute '{n}'"))),
    };
    Some(exc("AttributeError", format!("attribute '{n}' of 'datetime.{owner}' objects is not writable")))
}

/// The microseconds of `v` if it is a `name` (`"datetime"` or `"timedelta"`).
fn us_of(v: &Value, name: &str) -> Option<i64> {
    match v {
        Value::Instance(i) if i.class.kind == Kind::Other && &*i.class.name == name => i.get(intern("_us"))?.as_int(),
        _ => None,
    }
}

/// The civil date (year, month, day) of a count of days since 1970-01-01 (Howard Hinnant's
/// days-to-civil algorithm).
pub fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + z.div_euclid(146_097) * 400 + i64::from(m <= 2), m, d)
}

/// The days since 1970-01-01 of a civil date (the inverse of [`civil`]).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn month_days(y: i64, m: i64) -> i64 {
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(m - 1) as usize]
}

/// A datetime's fields: year, month, day, hour, minute, second, microsecond.
fn fields(us: i64) -> [i64; 7] {
    let (days, rest) = (us.div_euclid(US_PER_DAY), us.rem_euclid(US_PER_DAY));
    let (y, m, d) = civil(days);
    let secs = rest / 1_000_000;
    [y, m, d, secs / 3600, secs / 60 % 60, secs % 60, rest % 1_000_000]
}

const FIELD_NAMES: [&str; 7] = ["year", "month", "day", "hour", "minute", "second", "microsecond"];

/// A keyword that names no field (`hours=` for `hour=`) is CPython's TypeError, where
/// `function` is named as its message names it.
fn known_keywords(kw: &[(Name, Value)], function: &str) -> PyResult<()> {
    let known = |k: &str| FIELD_NAMES.contains(&k) || matches!(k, "tzinfo" | "fold");
    match kw.iter().find(|(k, _)| !known(&text(*k))) {
        Some((k, _)) => raise("TypeError", format!("'{}' is an invalid keyword argument for {function}", text(*k))),
        None => Ok(()),
    }
}

/// A `tzinfo` other than None: time zones are not supported here.
fn no_timezone(tz: Option<Value>) -> PyResult<()> {
    match tz {
        None | Some(Value::None) => Ok(()),
        Some(_) => super::interp::unsupported("datetime's tzinfo"),
    }
}

/// A datetime from its fields, checked as CPython checks them.
fn from_fields(f: [i64; 7]) -> PyResult {
    let [y, m, d, h, min, s, us] = f;
    if !(1..=9999).contains(&y) {
        return raise("ValueError", format!("year {y} is out of range"));
    }
    if !(1..=12).contains(&m) {
        return raise("ValueError", "month must be in 1..12");
    }
    if d < 1 || d > month_days(y, m) {
        return raise("ValueError", "day is out of range for month");
    }
    for (v, hi, what) in [(h, 23, "hour"), (min, 59, "minute"), (s, 59, "second"), (us, 999_999, "microsecond")] {
        if !(0..=hi).contains(&v) {
            return raise("ValueError", format!("{what} must be in 0..{hi}"));
        }
    }
    let secs = days_from_civil(y, m, d) * 86_400 + h * 3600 + min * 60 + s;
    Ok(make("datetime", secs * 1_000_000 + us))
}

/// The run's clock as microseconds since 1970.
fn now(interp: &Interp) -> i64 {
    ((super::modules::EPOCH + interp.host.lesson_secs()) * 1e6).round() as i64
}

/// `datetime(...)` and `timedelta(...)`, called as classes.
pub fn construct(class: &Class, args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    if &*class.name == "timedelta" {
        return new_timedelta(args, kw);
    }
    if args.len() > 8 {
        return raise("TypeError", format!("function takes at most 8 arguments ({} given)", args.len()));
    }
    known_keywords(kw, "this function")?;
    no_timezone(args.get(7).cloned().or_else(|| kwarg(kw, "tzinfo")))?;
    let mut f = [0, 0, 0, 0, 0, 0, 0];
    for (i, name) in FIELD_NAMES.iter().enumerate() {
        match args.get(i).cloned().or_else(|| kwarg(kw, name)) {
            Some(v) => {
                f[i] = v.as_int().ok_or_else(|| {
                    exc("TypeError", format!("'{}' object cannot be interpreted as an integer", v.type_name()))
                })?;
            }
            None if i < 3 => {
                return raise("TypeError", format!("function missing required argument '{name}' (pos {})", i + 1));
            }
            None => {}
        }
    }
    from_fields(f)
}

fn new_timedelta(args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    const UNITS: [(&str, f64); 7] = [
        ("days", 86_400e6),
        ("seconds", 1e6),
        ("microseconds", 1.0),
        ("milliseconds", 1e3),
        ("minutes", 60e6),
        ("hours", 3_600e6),
        ("weeks", 604_800e6),
    ];
    if args.len() > 7 {
        return raise("TypeError", format!("__new__() takes at most 7 arguments ({} given)", args.len()));
    }
    if let Some((k, _)) = kw.iter().find(|(k, _)| !UNITS.iter().any(|(n, _)| **n == *text(*k))) {
        return raise("TypeError", format!("'{}' is an invalid keyword argument for __new__()", text(*k)));
    }
    let (mut exact, mut float, mut any_float) = (0i64, 0f64, false);
    for (i, (name, scale)) in UNITS.iter().enumerate() {
        let Some(v) = args.get(i).cloned().or_else(|| kwarg(kw, name)) else { continue };
        match v {
            Value::Int(n) => {
                // CPython's range is wider than 64 bits of microseconds: past it, its message.
                let days = if *scale as i64 == US_PER_DAY { n } else { n.saturating_mul(*scale as i64) / US_PER_DAY };
                exact = n
                    .checked_mul(*scale as i64)
                    .and_then(|x| exact.checked_add(x))
                    .ok_or_else(|| exc("OverflowError", too_many_days(days)))?;
            }
            Value::Bool(b) => exact += i64::from(b) * *scale as i64,
            // As CPython's: the whole units exactly, the fraction in microseconds, rounded
            // once at the end (`timedelta(seconds=1.9999995)` is 2 seconds).
            Value::Float(x) => {
                any_float = true;
                let whole = x.trunc();
                match (whole * scale).abs() < 9.0e18 {
                    true => {
                        exact = exact.saturating_add((whole * scale) as i64);
                        float += (x - whole) * scale;
                    }
                    false => float += x * scale,
                }
            }
            other => {
                return raise(
                    "TypeError",
                    format!("unsupported type for timedelta {name} component: {}", other.type_name()),
                )
            }
        }
    }
    if any_float {
        out_of_range(exact as f64 + float, "float", "integer")?;
    }
    // Rounded half to even on the whole count, as CPython's: 1.5 µs is 2, 2.5 µs is 2.
    let us = if any_float {
        let whole = float.floor();
        let (mut r, frac) = (whole as i64, float - whole);
        if frac > 0.5 || (frac == 0.5 && (exact + r).rem_euclid(2) == 1) {
            r += 1;
        }
        exact + r
    } else {
        exact
    };
    timedelta(us)
}

/// A timedelta, within CPython's range (±999,999,999 days; here, in 64-bit microseconds,
/// about ±106 million).
fn timedelta(us: i64) -> PyResult {
    if us.div_euclid(US_PER_DAY).abs() > 999_999_999 {
        return raise("OverflowError", too_many_days(us.div_euclid(US_PER_DAY)));
    }
    Ok(make("timedelta", us))
}

/// A count of microseconds worked out in floats that no timedelta holds: a NaN or an infinity
/// (CPython's words: `what` "float" and `to` "integer" from the constructor, `to` "integer
/// ratio" from a product), or past the days a timedelta may have (as a 64-bit int would be).
fn out_of_range(us: f64, what: &str, to: &str) -> PyResult<()> {
    if us.is_nan() {
        let what = if what.is_empty() { "NaN".to_string() } else { format!("{what} NaN") };
        return raise("ValueError", format!("cannot convert {what} to {to}"));
    }
    if us.is_infinite() {
        let what = if what.is_empty() { "Infinity".to_string() } else { format!("{what} infinity") };
        return raise("OverflowError", format!("cannot convert {what} to {to}"));
    }
    let days = (us / US_PER_DAY as f64).floor();
    if days.abs() >= 2_147_483_648.0 {
        return raise("OverflowError", "Python int too large to convert to C int");
    }
    if us.abs() >= 9.2e18 {
        return raise("OverflowError", too_many_days(days as i64));
    }
    Ok(())
}

fn too_many_days(days: i64) -> String {
    if days.abs() > 999_999_999 {
        format!("days={days}; must have magnitude <= 999999999")
    } else {
        "Loopscope's Python keeps a timedelta within about 106 million days".to_string()
    }
}

fn class_method(interp: &Interp, name: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    match (name, args.first()) {
        ("fromtimestamp", Some(t)) => {
            let secs = t.as_number().ok_or_else(|| {
                exc("TypeError", format!("'{}' object cannot be interpreted as an integer", t.type_name()))
            })?;
            if secs.is_nan() || secs.abs() >= 1e15 {
                return raise("OverflowError", "timestamp out of range for platform time_t");
            }
            datetime_at(Some((secs * 1e6).round() as i64))
        }
        ("fromtimestamp", None) => raise("TypeError", "fromtimestamp() missing required argument 'timestamp' (pos 1)"),
        ("now" | "today" | "utcnow", _) => Ok(make("datetime", now(interp))),
        _ => super::interp::unsupported(&format!("datetime.{name}")),
    }
}

/// Python's `a // b` of microseconds: rounded down, whatever the signs (`b` ≠ 0).
fn floor_div(a: i64, b: i64) -> i64 {
    let q = a / b;
    if a % b != 0 && (a < 0) != (b < 0) {
        q - 1
    } else {
        q
    }
}

/// A finite float as the ratio of two integers (`float.as_integer_ratio`), if both fit.
fn ratio(x: f64) -> Option<(i128, i128)> {
    if !x.is_finite() || x == 0.0 {
        return (x == 0.0).then_some((0, 1));
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let mut m = i128::from(bits & ((1 << 52) - 1));
    let mut e = if exp == 0 {
        -1074
    } else {
        m |= 1 << 52;
        exp - 1075
    };
    while m % 2 == 0 && e < 0 {
        m /= 2;
        e += 1;
    }
    let m = if x < 0.0 { -m } else { m };
    match e {
        0.. if e < 64 => Some((m.checked_mul(1 << e)?, 1)),
        ..=-1 if e > -120 => Some((m, 1 << -e)),
        _ => None,
    }
}

/// `us` microseconds times (or, `divide`, over) the float `x`, exactly as CPython computes
/// it: by `x`'s integer ratio, rounded half to even; `approx` where the ratio does not fit.
fn scaled(us: i64, x: f64, divide: bool, approx: f64) -> i64 {
    let exact = ratio(x).and_then(|(n, d)| {
        let (times, over) = if divide { (d, n) } else { (n, d) };
        Some(round_div(i128::from(us).checked_mul(times)?, over))
    });
    exact.and_then(|v| i64::try_from(v).ok()).unwrap_or(approx.round_ties_even() as i64)
}

/// `a / b` rounded half to even (CPython's `_divide_and_round`).
fn round_div(a: i128, b: i128) -> i128 {
    let (a, b) = if b < 0 { (-a, -b) } else { (a, b) };
    let (q, r) = (a.div_euclid(b), a.rem_euclid(b));
    if 2 * r > b || (2 * r == b && q % 2 != 0) {
        q + 1
    } else {
        q
    }
}

/// `YYYY-MM-DD{sep}HH:MM:SS[.ffffff]`.
fn isoformat(us: i64, sep: &str) -> String {
    let [y, m, d, h, min, s, micro] = fields(us);
    let frac = if micro != 0 { format!(".{micro:06}") } else { String::new() };
    format!("{y:04}-{m:02}-{d:02}{sep}{h:02}:{min:02}:{s:02}{frac}")
}

/// `strftime`: C's directives on the time's seconds, and `%f`, its microseconds.
fn strftime(us: i64, format: &str) -> String {
    let micro = format!("{:06}", us.rem_euclid(1_000_000));
    let mut spec = String::with_capacity(format.len());
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        match (c, c == '%') {
            (_, true) => match chars.next() {
                Some('f') => spec.push_str(&micro),
                Some('z' | 'Z') => {} // a naive time has no zone: empty, as CPython's

                Some(n) => {
                    spec.push('%');
                    spec.push(n);
                }
                None => spec.push('%'),
            },
            (c, false) => spec.push(c),
        }
    }
    super::modules::strftime(&spec, us.div_euclid(1_000_000))
}

fn compare(name: &str, a: i64, b: i64) -> Value {
    Value::Bool(match name {
        "__eq__" => a == b,
        "__lt__" => a < b,
        "__le__" => a <= b,
        "__gt__" => a > b,
        _ => a >= b,
    })
}

fn datetime_method(_: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(me) = args.first().and_then(|v| us_of(v, "datetime")) else {
        return raise("TypeError", format!("descriptor '{name}' requires a 'datetime.datetime' object"));
    };
    let other = args.get(1);
    match name {
        "__getattr__" => {
            let attr = other.map(Value::to_str).unwrap_or_default();
            const OTHERS: [&str; 9] =
                ["date", "time", "tzinfo", "astimezone", "utcoffset", "ctime", "timetuple", "toordinal", "tzname"];
            match FIELD_NAMES.iter().position(|n| *n == attr) {
                Some(i) => Ok(Value::Int(fields(me)[i])),
                None if OTHERS.contains(&&*attr) => super::interp::unsupported(&format!("datetime.{attr}")),
                None => raise("AttributeError", format!("'datetime.datetime' object has no attribute '{attr}'")),
            }
        }
        "__repr__" => {
            let f = fields(me);
            let shown = if f[6] != 0 {
                7
            } else if f[5] != 0 {
                6
            } else {
                5
            };
            let parts: Vec<String> = f[..shown].iter().map(i64::to_string).collect();
            Ok(Value::string(format!("datetime.datetime({})", parts.join(", "))))
        }
        "__str__" => Ok(Value::string(isoformat(me, " "))),
        "isoformat" => {
            let sep = other.cloned().or_else(|| kwarg(&kw, "sep")).map_or("T".to_string(), |s| s.to_str());
            let full = isoformat(me, &sep);
            // `timespec=`: how much of the time is kept (`auto`: microseconds only if any).
            let time = match args.get(2).cloned().or_else(|| kwarg(&kw, "timespec")).map(|t| t.to_str()).as_deref() {
                None | Some("auto") => return Ok(Value::string(full)),
                Some("hours") => 2,
                Some("minutes") => 5,
                Some("seconds") => 8,
                Some("milliseconds") => 12,
                Some("microseconds") => 15,
                Some(_) => return raise("ValueError", "Unknown timespec value"),
            };
            let date = full.len() - if me.rem_euclid(1_000_000) != 0 { 15 } else { 8 };
            let padded = if me.rem_euclid(1_000_000) != 0 { full } else { format!("{full}.000000") };
            Ok(Value::string(padded[..date + time].to_string()))
        }
        "strftime" | "__format__" => match other {
            Some(Value::Str(f)) if f.is_empty() && name == "__format__" => Ok(Value::string(isoformat(me, " "))),
            Some(Value::Str(f)) => Ok(Value::string(strftime(me, f))),
            Some(v) => Err(super::builtins::type_error(&format!("{name}() argument 1 must be str, not "), v, "")),
            None => raise("TypeError", format!("{name}() missing required argument 'format' (pos 1)")),
        },
        "timestamp" | "weekday" | "isoweekday" if args.len() > 1 => {
            let owner = if name == "timestamp" { "datetime" } else { "date" };
            raise("TypeError", format!("{owner}.{name}() takes no arguments ({} given)", args.len() - 1))
        }
        "timestamp" => Ok(Value::Float(me as f64 / 1e6)),
        "weekday" | "isoweekday" => {
            Ok(Value::Int((me.div_euclid(US_PER_DAY) + 3).rem_euclid(7) + i64::from(name == "isoweekday")))
        }
        "replace" => {
            known_keywords(&kw, "replace()")?;
            let given = &args[1..];
            if given.len() > 8 {
                return raise("TypeError", format!("replace() takes at most 8 arguments ({} given)", given.len()));
            }
            no_timezone(given.get(7).cloned().or_else(|| kwarg(&kw, "tzinfo")))?;
            let mut f = fields(me);
            for (i, n) in FIELD_NAMES.iter().enumerate() {
                if let Some(v) = given.get(i).cloned().or_else(|| kwarg(&kw, n)) {
                    f[i] = v.as_int().ok_or_else(|| {
                        exc("TypeError", format!("'{}' object cannot be interpreted as an integer", v.type_name()))
                    })?;
                }
            }
            from_fields(f)
        }
        "__hash__" => Ok(Value::Int(me)),
        "__eq__" | "__lt__" | "__le__" | "__gt__" | "__ge__" => match other.and_then(|o| us_of(o, "datetime")) {
            Some(b) => Ok(compare(name, me, b)),
            None if name == "__eq__" => Ok(Value::Bool(false)),
            None => Ok(not_implemented()),
        },
        "__add__" | "__radd__" => match other.and_then(|o| us_of(o, "timedelta")) {
            Some(d) => datetime_at(me.checked_add(d)),
            None => Ok(not_implemented()),
        },
        _ => match (other.and_then(|o| us_of(o, "timedelta")), other.and_then(|o| us_of(o, "datetime"))) {
            (Some(d), _) => datetime_at(me.checked_sub(d)),
            (_, Some(b)) => timedelta(me - b),
            _ => Ok(not_implemented()),
        },
    }
}

fn timedelta_method(_: &Interp, name: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let Some(me) = args.first().and_then(|v| us_of(v, "timedelta")) else {
        return raise("TypeError", format!("descriptor '{name}' requires a 'datetime.timedelta' object"));
    };
    let (days, secs, micro) =
        (me.div_euclid(US_PER_DAY), me.rem_euclid(US_PER_DAY) / 1_000_000, me.rem_euclid(1_000_000));
    // A bool multiplies and divides as the int it is.
    let other = match args.get(1) {
        Some(Value::Bool(b)) => Some(Value::Int(i64::from(*b))),
        o => o.cloned(),
    };
    let other = other.as_ref();
    let other_td = other.and_then(|o| us_of(o, "timedelta"));
    match name {
        "__getattr__" => match other.map(Value::to_str).as_deref() {
            Some("days") => Ok(Value::Int(days)),
            Some("seconds") => Ok(Value::Int(secs)),
            Some("microseconds") => Ok(Value::Int(micro)),
            attr => raise(
                "AttributeError",
                format!("'datetime.timedelta' object has no attribute '{}'", attr.unwrap_or_default()),
            ),
        },
        "total_seconds" if args.len() > 1 => {
            raise("TypeError", format!("timedelta.total_seconds() takes no arguments ({} given)", args.len() - 1))
        }
        "total_seconds" => Ok(Value::Float(me as f64 / 1e6)),
        "__format__" if matches!(other, Some(Value::Str(f)) if !f.is_empty()) => {
            raise("TypeError", "unsupported format string passed to datetime.timedelta.__format__")
        }
        "__repr__" => {
            let parts: Vec<String> = [("days", days), ("seconds", secs), ("microseconds", micro)]
                .iter()
                .filter(|(_, v)| *v != 0)
                .map(|(n, v)| format!("{n}={v}"))
                .collect();
            let inside = if parts.is_empty() { "0".to_string() } else { parts.join(", ") };
            Ok(Value::string(format!("datetime.timedelta({inside})")))
        }
        // `str()`, and `format()` with an empty spec (`object.__format__`).
        "__str__" | "__format__" => {
            let mut s = format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
            if days != 0 {
                s = format!("{days} day{}, {s}", if days.abs() != 1 { "s" } else { "" });
            }
            if micro != 0 {
                s += &format!(".{micro:06}");
            }
            Ok(Value::string(s))
        }
        "__hash__" => Ok(Value::Int(me)),
        "__bool__" => Ok(Value::Bool(me != 0)),
        "__neg__" => timedelta(-me),
        "__pos__" => timedelta(me),
        "__abs__" => timedelta(me.abs()),
        "__eq__" | "__lt__" | "__le__" | "__gt__" | "__ge__" => match other_td {
            Some(b) => Ok(compare(name, me, b)),
            None if name == "__eq__" => Ok(Value::Bool(false)),
            None => Ok(not_implemented()),
        },
        "__add__" | "__radd__" | "__sub__" => match other_td {
            Some(b) if name == "__sub__" => timedelta(me - b),
            Some(b) => timedelta(me + b),
            None => Ok(not_implemented()),
        },
        "__mul__" | "__rmul__" => match other {
            Some(Value::Int(n)) => {
                match me.checked_mul(*n) {
                    Some(us) => timedelta(us),
                    // Past 64 bits of microseconds: out_of_range says which error (CPython's
                    // words past its own range, else this one's limit, the fallback here).
                    None => out_of_range(me as f64 * *n as f64, "", "integer ratio")
                        .and_then(|()| raise("OverflowError", too_many_days(0))),
                }
            }
            Some(Value::Float(x)) => {
                let us = me as f64 * x;
                out_of_range(if x.is_finite() { us } else { *x }, "", "integer ratio")?;
                timedelta(scaled(me, *x, false, us))
            }
            _ => Ok(not_implemented()),
        },
        _ => match (other_td, other) {
            // CPython's words: `%` and `/` by a zero timedelta have their own.
            (Some(0), _) if name == "__mod__" => raise("ZeroDivisionError", "integer modulo by zero"),
            (Some(0), _) if name == "__truediv__" => raise("ZeroDivisionError", "division by zero"),
            (Some(0), _) => raise("ZeroDivisionError", "integer division or modulo by zero"),
            // A number divides a timedelta; it takes no remainder of one (`td % 5` is CPython's
            // TypeError, as `divmod(td, 5)` is).
            (None, Some(Value::Int(_) | Value::Float(_))) if name == "__mod__" => Ok(not_implemented()),
            (None, Some(Value::Int(0))) => raise("ZeroDivisionError", "integer division or modulo by zero"),
            (Some(b), _) if name == "__truediv__" => Ok(Value::Float(me as f64 / b as f64)),
            // Python's remainder: the divisor's sign (`td % timedelta(hours=1)`).
            (Some(b), _) if name == "__mod__" => timedelta(me - floor_div(me, b) * b),
            (Some(b), _) => Ok(Value::Int(floor_div(me, b))),
            (None, Some(Value::Int(n))) if name == "__floordiv__" => timedelta(floor_div(me, *n)),
            (None, Some(Value::Int(n))) => timedelta(round_div(i128::from(me), i128::from(*n)) as i64),
            (None, Some(Value::Float(x))) if name == "__truediv__" => {
                if *x == 0.0 {
                    return raise("ZeroDivisionError", "integer division or modulo by zero");
                }
                let us = me as f64 / x;
                out_of_range(if x.is_finite() { us } else { *x }, "", "integer ratio")?;
                timedelta(scaled(me, *x, true, us))
            }
            _ => Ok(not_implemented()),
        },
    }
}
