//! How Python prints and parses numbers and strings: `repr` of floats and strings, the format-spec mini-language
//! (`format()`, f-strings), printf-style `%`, `int()`/`float()` of a string, `round`, and floor division/modulo.
//!
//! Learners compare the playground's output with what their own Python prints, so every function here follows
//! CPython 3.11 character for character, errors included. The module knows nothing of the interpreter's values:
//! it works on Rust primitives and the interpreter calls it.
//!
//! Errors are `"Kind: message"` strings (`ValueError: Format specifier missing precision`), the kind being the
//! Python exception to raise; split them at the first `": "`. Messages that CPython never gives (our ints are 64-bit,
//! widths are capped) say `(Loopscope)`. Widths and precisions above [`MAX_WIDTH`] are refused so that a learner's
//! `f"{x:999999999}"` cannot allocate gigabytes.

use std::fmt::Write as _;

/// The largest width or precision accepted; CPython's own limit is the address space.
pub const MAX_WIDTH: usize = 10_000;

fn verr<T>(msg: impl std::fmt::Display) -> Result<T, String> {
    Err(format!("ValueError: {msg}"))
}

// ---------------------------------------------------------------------------------------------------------------
// Floats to digits. CPython turns a float into a digit string and a decimal-point position with dtoa, then lays
// them out (`format_float_short` in pystrtod.c). Rust's float formatting is correctly rounded too (exact ties go
// to even, as dtoa's), so its digits stand in for dtoa's and `layout` is a port of the layout step.

/// Splits Rust's `{:e}` output into digits and dtoa's `decpt` (the value is 0.DIGITS × 10^decpt).
fn sci_digits(s: &str) -> (String, i32) {
    let (m, e) = s.split_once('e').unwrap_or((s, "0"));
    let mut d: String = m.chars().filter(char::is_ascii_digit).collect();
    // dtoa never returns trailing zeros; the layout pads them back where a format wants them.
    while d.len() > 1 && d.ends_with('0') {
        d.pop();
    }
    (d, e.parse::<i32>().unwrap_or(0).saturating_add(1))
}

/// The digits of a finite `x`: shortest round-trip (mode 0), `n` significant digits (mode 2), or `n` digits after
/// the point (mode 3).
fn digits(x: f64, mode: u8, n: usize) -> (String, i32) {
    let x = x.abs();
    match mode {
        0 => {
            // Rust's shortest digits break a tie between two equally short candidates upwards; dtoa takes the one
            // nearest the exact value, ties to even. The correctly rounded digits of that length are it whenever they
            // read back as `x`.
            let short = sci_digits(&format!("{x:e}"));
            let nearest = format!("{:.*e}", short.0.len() - 1, x);
            if nearest.parse() == Ok(x) {
                sci_digits(&nearest)
            } else {
                short
            }
        }
        2 => sci_digits(&format!("{:.*e}", n.saturating_sub(1), x)),
        _ => {
            let s = format!("{x:.n$}");
            let point = s.find('.').unwrap_or(s.len()) as i32;
            let all: String = s.chars().filter(char::is_ascii_digit).collect();
            let d = all.trim_start_matches('0');
            let decpt = point - (all.len() - d.len()) as i32;
            let d = d.trim_end_matches('0');
            if d.is_empty() {
                ("0".into(), 1)
            } else {
                (d.into(), decpt)
            }
        }
    }
}

/// Lays out digits as CPython's `format_float_short` does, for code `e` (`prec` significant digits), `f` (`prec`
/// decimals), `g` (`prec` significant digits) or `r` (repr). `dot0` is Py_DTSF_ADD_DOT_0, `alt` the `#` flag.
fn layout(digits: &str, mut decpt: i32, code: char, prec: i32, alt: bool, dot0: bool) -> String {
    let d = digits.as_bytes();
    let n = d.len() as i32;
    let (mut end, mut use_exp) = (n, false);
    match code {
        'e' => (use_exp, end) = (true, prec),
        'f' => end = decpt.saturating_add(prec),
        'g' => {
            use_exp = decpt <= -4 || decpt > if dot0 { prec - 1 } else { prec };
            if alt {
                end = prec;
            }
        }
        _ => use_exp = decpt <= -4 || decpt > 16,
    }
    let exp = decpt - 1;
    if use_exp {
        decpt = 1;
    }
    let start = if decpt <= 0 { decpt - 1 } else { 0 };
    end = end.max(if !use_exp && dot0 { decpt + 1 } else { decpt });
    let mut out = String::new();
    for i in start..end {
        if i == decpt {
            out.push('.');
        }
        out.push(if (0..n).contains(&i) { d[i as usize] as char } else { '0' });
    }
    if decpt == end {
        out.push('.');
    }
    if out.ends_with('.') && !alt {
        out.pop();
    }
    if use_exp {
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.unsigned_abs());
    }
    out
}

/// `repr(x)` and `str(x)` of a float, exactly as CPython: the shortest digits that read back as `x`, in `e`
/// notation when the decimal exponent is below -4 or at least 16 (`1e+16`, `1.5e-05`), else positional with at
/// least one digit after the point (`1.0`, `123456789012345.0`); `inf`, `-inf`, `nan`, `-0.0`.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x.is_infinite() {
        return format!("{sign}inf");
    }
    let (d, decpt) = digits(x, 0, 0);
    format!("{sign}{}", layout(&d, decpt, 'r', 0, false, true))
}

// ---------------------------------------------------------------------------------------------------------------
// The format-spec mini-language: a port of CPython's `parse_internal_render_format_spec` and `calc_number_widths`.

/// A parsed format spec, `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`, before the per-type
/// defaults (alignment, presentation type) are applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spec {
    /// The fill character, when one was given before an alignment.
    pub fill: Option<char>,
    /// `<`, `>`, `^` or `=`, when given.
    pub align: Option<char>,
    /// `+`, `-` or ` `, when given.
    pub sign: Option<char>,
    /// `z`: negative zero prints as zero.
    pub no_neg_zero: bool,
    /// `#`: the alternate form.
    pub alt: bool,
    /// A `0` before the width without an explicit fill: zero padding.
    pub zero: bool,
    /// The minimum width.
    pub width: Option<usize>,
    /// `,` or `_`.
    pub grouping: Option<char>,
    /// The precision.
    pub precision: Option<usize>,
    /// The presentation type (`d`, `x`, `f`, `s`…), when given.
    pub ty: Option<char>,
}

fn code_name(c: char) -> String {
    if (c as u32) > 32 && (c as u32) < 128 {
        c.to_string()
    } else {
        format!("\\x{:x}", c as u32)
    }
}

fn unknown_code<T>(c: char, type_name: &str) -> Result<T, String> {
    verr(format_args!("Unknown format code '{}' for object of type '{type_name}'", code_name(c)))
}

/// Parses a format spec as CPython 3.11 does. `type_name` is the Python type named in error messages; `"int"` and
/// `"str"` also give the default presentation type (`d`, `s`) against which grouping is checked.
pub fn parse_spec(spec: &str, type_name: &str) -> Result<Spec, String> {
    let c: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |c: Option<&char>| matches!(c, Some('<' | '>' | '^' | '='));
    if is_align(c.get(1)) {
        (s.fill, s.align, i) = (c.first().copied(), c.get(1).copied(), 2);
    } else if is_align(c.first()) {
        (s.align, i) = (c.first().copied(), 1);
    }
    if let Some(&ch @ ('+' | '-' | ' ')) = c.get(i) {
        (s.sign, i) = (Some(ch), i + 1);
    }
    for (flag, field) in [('z', &mut s.no_neg_zero), ('#', &mut s.alt)] {
        if c.get(i) == Some(&flag) {
            (*field, i) = (true, i + 1);
        }
    }
    if s.fill.is_none() && c.get(i) == Some(&'0') {
        (s.zero, i) = (true, i + 1);
    }
    let number = |i: &mut usize| -> Result<Option<usize>, String> {
        let mut n: Option<usize> = None;
        while let Some(d) = c.get(*i).and_then(|ch| ch.to_digit(10)) {
            let v = n.unwrap_or(0) * 10 + d as usize;
            if v > MAX_WIDTH {
                return verr("Too many decimal digits in format string");
            }
            (n, *i) = (Some(v), *i + 1);
        }
        Ok(n)
    };
    s.width = number(&mut i)?;
    if c.get(i) == Some(&',') {
        (s.grouping, i) = (Some(','), i + 1);
    }
    if c.get(i) == Some(&'_') {
        if s.grouping.is_some() {
            return verr("Cannot specify both ',' and '_'.");
        }
        (s.grouping, i) = (Some('_'), i + 1);
    }
    if c.get(i) == Some(&',') && s.grouping == Some('_') {
        return verr("Cannot specify both ',' and '_'.");
    }
    if c.get(i) == Some(&'.') {
        i += 1;
        s.precision = number(&mut i)?;
        if s.precision.is_none() {
            return verr("Format specifier missing precision");
        }
    }
    if c.len() > i + 1 {
        return verr(format_args!("Invalid format specifier '{spec}' for object of type '{type_name}'"));
    }
    s.ty = c.get(i).copied();
    let ty = s.ty.or(match type_name {
        "int" => Some('d'),
        "str" => Some('s'),
        _ => None,
    });
    if let Some(g) = s.grouping {
        match ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
            Some('b' | 'o' | 'x' | 'X') if g == '_' => {}
            Some(t) => return verr(format_args!("Cannot specify '{g}' with '{}'.", code_name(t))),
        }
    }
    Ok(s)
}

/// Pads `body` to the spec's width by its fill and alignment (`=` treated as `>`, for callers that laid out the
/// sign themselves).
fn pad(body: &str, fill: char, align: char, width: usize) -> String {
    let pad = width.saturating_sub(body.chars().count());
    let left = match align {
        '<' => 0,
        '^' => pad / 2,
        _ => pad,
    };
    let fills = |n: usize| std::iter::repeat_n(fill, n);
    fills(left).chain(body.chars()).chain(fills(pad - left)).collect()
}

/// Groups ASCII `digits` in `size`s from the right with `sep`, zero-filling to `min_width` as CPython's
/// `_PyUnicode_InsertThousandsGrouping` does, so that `format(1234, '09,')` is `0,001,234` (never `,001,234`).
fn group(digits: &[u8], sep: char, size: isize, mut min_width: isize) -> String {
    let mut out = Vec::new();
    let mut rem = digits.len() as isize;
    loop {
        let l = size.min(rem.max(min_width).max(1));
        let chars = rem.min(l).max(0);
        if !out.is_empty() {
            out.push(sep);
        }
        out.extend((0..chars).map(|k| digits[(rem - 1 - k) as usize] as char));
        out.extend(std::iter::repeat_n('0', (l - rem).max(0) as usize));
        rem -= chars;
        min_width -= l;
        if rem <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    out.iter().rev().collect()
}

/// Lays out a number: sign, prefix (`0x`), digits (grouped), then `rest` (decimal point, fraction, exponent, `%`),
/// padded per the spec; numbers align right and `0` asks for `=` alignment with zero fill.
fn number(s: &Spec, neg: bool, prefix: &str, digits: &str, rest: &str, group_size: isize) -> String {
    let sign = match (neg, s.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    };
    let fill = s.fill.unwrap_or(if s.zero { '0' } else { ' ' });
    let align = s.align.unwrap_or(if s.zero { '=' } else { '>' });
    let width = s.width.unwrap_or(0);
    let fixed = sign.len() + prefix.len() + rest.chars().count();
    let body = match s.grouping {
        Some(sep) if !digits.is_empty() => {
            let min = if fill == '0' && align == '=' { width as isize - fixed as isize } else { 0 };
            group(digits.as_bytes(), sep, group_size, min)
        }
        _ => digits.into(),
    };
    if align == '=' {
        let inner = pad(&format!("{body}{rest}"), fill, '>', width.saturating_sub(sign.len() + prefix.len()));
        format!("{sign}{prefix}{inner}")
    } else {
        pad(&format!("{sign}{prefix}{body}{rest}"), fill, align, width)
    }
}

/// `format(value, spec)` for an int: types `b c d n o x X` (and `''`, which is `d`), or a float type (`e E f F g G
/// %`), for which the int is converted to float as CPython does.
pub fn format_int(value: i64, spec: &str) -> Result<String, String> {
    let s = parse_spec(spec, "int")?;
    let ty = s.ty.unwrap_or('d');
    if "eEfFgG%".contains(ty) {
        return float_spec(value as f64, &s, "int");
    }
    if !"bcdnoxX".contains(ty) {
        return unknown_code(ty, "int");
    }
    if s.precision.is_some() {
        return verr("Precision not allowed in integer format specifier");
    }
    if s.no_neg_zero {
        return verr("Negative zero coercion (z) not allowed in integer format specifier");
    }
    let m = value.unsigned_abs();
    let (digits, prefix) = match ty {
        'c' => {
            if s.sign.is_some() {
                return verr("Sign not allowed with integer format specifier 'c'");
            }
            if s.alt {
                return verr("Alternate form (#) not allowed with integer format specifier 'c'");
            }
            let ch = u32::try_from(value).ok().filter(|&v| v < 0x110000);
            let Some(ch) = ch else { return Err("OverflowError: %c arg not in range(0x110000)".into()) };
            let Some(ch) = char::from_u32(ch) else {
                return verr("(Loopscope) %c of a surrogate code point, which strings here cannot hold");
            };
            return Ok(number(&s, false, "", "", &ch.to_string(), 3));
        }
        'b' => (format!("{m:b}"), "0b"),
        'o' => (format!("{m:o}"), "0o"),
        'x' => (format!("{m:x}"), "0x"),
        'X' => (format!("{m:X}"), "0X"),
        _ => (m.to_string(), ""),
    };
    let size = if s.grouping == Some('_') && !prefix.is_empty() { 4 } else { 3 };
    Ok(number(&s, value < 0, if s.alt { prefix } else { "" }, &digits, "", size))
}

/// `format(value, spec)` for a float: types `e E f F g G n %` and `''` (like `str` without a precision, like `g`
/// with one but keeping a `.0` on integral values).
pub fn format_float(value: f64, spec: &str) -> Result<String, String> {
    float_spec(value, &parse_spec(spec, "float")?, "float")
}

fn float_spec(x: f64, s: &Spec, type_name: &str) -> Result<String, String> {
    let p = s.precision;
    let (code, prec) = match s.ty {
        None => p.map_or(('r', 0), |p| ('g', p.max(1))),
        Some('g' | 'G' | 'n') => ('g', p.unwrap_or(6).max(1)),
        Some('e' | 'E') => ('e', p.unwrap_or(6) + 1),
        Some('f' | 'F' | '%') => ('f', p.unwrap_or(6)),
        Some(t) => return unknown_code(t, type_name),
    };
    let x = if s.ty == Some('%') { x * 100.0 } else { x };
    let (mut text, mut neg) = (String::new(), x.is_sign_negative() && !x.is_nan());
    if x.is_finite() {
        let mode = match code {
            'r' => 0,
            'f' => 3,
            _ => 2,
        };
        let (d, decpt) = digits(x, mode, prec);
        neg &= !(s.no_neg_zero && d == "0");
        text = layout(&d, decpt, code, prec as i32, s.alt, s.ty.is_none());
    } else {
        text.push_str(if x.is_nan() { "nan" } else { "inf" });
    }
    if matches!(s.ty, Some('E' | 'F' | 'G')) {
        text.make_ascii_uppercase();
    }
    if s.ty == Some('%') {
        text.push('%');
    }
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (digits, rest) = text.split_at(split);
    Ok(number(s, neg, "", digits, rest, 3))
}

/// `format(value, spec)` for a str: fill, alignment (left by default), width and `.precision` (which truncates);
/// type `s` or none.
pub fn format_str(value: &str, spec: &str) -> Result<String, String> {
    let s = parse_spec(spec, "str")?;
    match s.ty {
        None | Some('s') => {}
        Some(t) => return unknown_code(t, "str"),
    }
    match s.sign {
        Some(' ') => return verr("Space not allowed in string format specifier"),
        Some(_) => return verr("Sign not allowed in string format specifier"),
        None => {}
    }
    if s.no_neg_zero {
        return verr("Negative zero coercion (z) not allowed in string format specifier");
    }
    if s.alt {
        return verr("Alternate form (#) not allowed in string format specifier");
    }
    if s.align == Some('=') {
        return verr("'=' alignment not allowed in string format specifier");
    }
    let text: String = value.chars().take(s.precision.unwrap_or(usize::MAX)).collect();
    Ok(pad(&text, s.fill.unwrap_or(if s.zero { '0' } else { ' ' }), s.align.unwrap_or('<'), s.width.unwrap_or(0)))
}

// ---------------------------------------------------------------------------------------------------------------
// printf-style `%` formatting, a port of CPython's `PyUnicode_Format`. The interpreter walks the pieces, fetches an
// argument for each `*` and each conversion, and calls the `percent_*` function for the argument's type.

/// The flags, width, precision and conversion character of one `%` conversion.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PercentSpec {
    /// `-`: left-justify.
    pub left: bool,
    /// `+`: always show a sign.
    pub plus: bool,
    /// ` `: a space where a positive number's sign would be.
    pub space: bool,
    /// `#`: the alternate form (`0x`, `0o`, a kept decimal point).
    pub alt: bool,
    /// `0`: pad numbers with zeros after the sign.
    pub zero: bool,
    /// The minimum width (0 when none).
    pub width: usize,
    /// The precision, when given.
    pub precision: Option<usize>,
    /// The conversion character: `d i u o x X c e E f F g G s r a`; any other is an error when reached.
    pub conv: char,
    /// The conversion character's index in the format string, in characters, for error messages.
    pub index: usize,
}

/// A piece of a `%` format string.
#[derive(Clone, Debug, PartialEq)]
pub enum PercentPiece {
    /// Text copied as is (`%%` already turned into `%`).
    Lit(String),
    /// A conversion: the interpreter looks up `key` in the mapping argument (`%(name)s`) or takes the next
    /// positional argument, first one int argument each for a `*` width and a `*` precision (in that order, passed
    /// to [`PercentSpec::star_width`] and [`PercentSpec::star_precision`]).
    Conv {
        /// The mapping key of `%(key)s`.
        key: Option<String>,
        /// The width is `*`.
        width_star: bool,
        /// The precision is `*`.
        precision_star: bool,
        /// Everything else.
        spec: PercentSpec,
    },
    /// A malformed conversion (`incomplete format`): CPython raises it on reaching it, before taking its argument,
    /// so it ends the list.
    Error(String),
}

/// Splits a `%` format string into literal text and conversions.
pub fn parse_percent(fmt: &str) -> Vec<PercentPiece> {
    let c: Vec<char> = fmt.chars().collect();
    let (mut out, mut lit, mut i) = (Vec::new(), String::new(), 0);
    while let Some(&ch) = c.get(i) {
        if ch != '%' || c.get(i + 1) == Some(&'%') {
            lit.push(ch);
            i += 1 + usize::from(ch == '%');
            continue;
        }
        if !lit.is_empty() {
            out.push(PercentPiece::Lit(std::mem::take(&mut lit)));
        }
        match percent_conv(&c, i + 1) {
            Ok((piece, next)) => {
                out.push(piece);
                i = next;
            }
            Err(e) => {
                out.push(PercentPiece::Error(e));
                return out;
            }
        }
    }
    if !lit.is_empty() {
        out.push(PercentPiece::Lit(lit));
    }
    out
}

fn percent_conv(c: &[char], mut j: usize) -> Result<(PercentPiece, usize), String> {
    let mut key = None;
    if c.get(j) == Some(&'(') {
        let (start, mut depth) = (j + 1, 1);
        while depth > 0 {
            j += 1;
            match c.get(j) {
                None => return verr("incomplete format key"),
                Some('(') => depth += 1,
                Some(')') => depth -= 1,
                _ => {}
            }
        }
        key = Some(c[start..j].iter().collect());
        j += 1;
    }
    let mut s = PercentSpec::default();
    while let Some(f) = c.get(j) {
        match f {
            '-' => s.left = true,
            '+' => s.plus = true,
            ' ' => s.space = true,
            '#' => s.alt = true,
            '0' => s.zero = true,
            _ => break,
        }
        j += 1;
    }
    let number = |j: &mut usize, what: &str| -> Result<(bool, Option<usize>), String> {
        if c.get(*j) == Some(&'*') {
            *j += 1;
            return Ok((true, None));
        }
        let mut n = None;
        while let Some(d) = c.get(*j).and_then(|ch| ch.to_digit(10)) {
            let v = n.unwrap_or(0) * 10 + d as usize;
            if v > MAX_WIDTH {
                return verr(format_args!("{what} too big"));
            }
            (n, *j) = (Some(v), *j + 1);
        }
        Ok((false, n))
    };
    let (width_star, width) = number(&mut j, "width")?;
    s.width = width.unwrap_or(0);
    let mut precision_star = false;
    if c.get(j) == Some(&'.') {
        j += 1;
        let (star, p) = number(&mut j, "precision")?;
        (precision_star, s.precision) = (star, Some(p.unwrap_or(0)));
    }
    if matches!(c.get(j), Some('h' | 'l' | 'L')) {
        j += 1;
    }
    let Some(&conv) = c.get(j) else { return verr("incomplete format") };
    (s.conv, s.index) = (conv, j);
    Ok((PercentPiece::Conv { key, width_star, precision_star, spec: s }, j + 1))
}

impl PercentSpec {
    /// Takes a `*` width from its int argument; a negative one left-justifies, as in C.
    pub fn star_width(&mut self, n: i64) -> Result<(), String> {
        self.left |= n < 0;
        self.width = n.unsigned_abs().try_into().ok().filter(|&w| w <= MAX_WIDTH).map_or(verr("width too big"), Ok)?;
        Ok(())
    }

    /// Takes a `*` precision from its int argument; CPython reads a negative one as 0.
    pub fn star_precision(&mut self, n: i64) -> Result<(), String> {
        let p = usize::try_from(n.max(0)).ok().filter(|&p| p <= MAX_WIDTH);
        self.precision = Some(p.map_or(verr("precision too big"), Ok)?);
        Ok(())
    }

    /// The error for this conversion applied to a value of Python type `type_name` that it does not take (`%d` of a
    /// str), or for a conversion character that does not exist (whatever the value).
    pub fn mismatch(&self, type_name: &str) -> String {
        let c = self.conv;
        match c {
            'd' | 'i' | 'u' => format!("TypeError: %{c} format: a real number is required, not {type_name}"),
            'o' | 'x' | 'X' => format!("TypeError: %{c} format: an integer is required, not {type_name}"),
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => format!("TypeError: must be real number, not {type_name}"),
            'c' => "TypeError: %c requires int or char".into(),
            _ => {
                let shown = if (' '..='~').contains(&c) || c == '\x1f' { c } else { '?' };
                format!("ValueError: unsupported format character '{shown}' (0x{:x}) at index {}", c as u32, self.index)
            }
        }
    }

    /// Pads a conversion's text: numbers get their sign (and `0x` prefix) before any zero padding.
    fn out(&self, neg: bool, prefix: &str, body: &str, numeric: bool) -> String {
        let sign = match (numeric, neg) {
            (true, true) => "-",
            (true, false) if self.plus => "+",
            (true, false) if self.space => " ",
            _ => "",
        };
        let head = format!("{sign}{prefix}");
        let pad = self.width.saturating_sub(head.len() + body.chars().count());
        let fill = |n: usize, c: char| std::iter::repeat_n(c, n).collect::<String>();
        if self.left {
            format!("{head}{body}{}", fill(pad, ' '))
        } else if self.zero && numeric {
            format!("{head}{}{body}", fill(pad, '0'))
        } else {
            format!("{}{head}{body}", fill(pad, ' '))
        }
    }

    /// Integer digits with the precision's minimum digit count, as `_PyUnicode_FormatLong`.
    fn int_out(&self, neg: bool, digits: &str) -> String {
        let (c, alt) = (self.conv, self.alt);
        let prefix = match c {
            'o' if alt => "0o",
            'x' if alt => "0x",
            'X' if alt => "0X",
            _ => "",
        };
        let zeros = self.precision.unwrap_or(0).saturating_sub(digits.len());
        self.out(neg, prefix, &format!("{}{digits}", "0".repeat(zeros)), true)
    }
}

/// One `%` conversion of an int: `d i u o x X c`, or `e E f F g G` through float. Errors for `s r a` (the
/// interpreter formats those through [`percent_str`]) and unknown characters.
pub fn percent_int(v: i64, spec: &PercentSpec) -> Result<String, String> {
    let m = v.unsigned_abs();
    Ok(match spec.conv {
        'd' | 'i' | 'u' => spec.int_out(v < 0, &m.to_string()),
        'o' => spec.int_out(v < 0, &format!("{m:o}")),
        'x' => spec.int_out(v < 0, &format!("{m:x}")),
        'X' => spec.int_out(v < 0, &format!("{m:X}")),
        'c' => {
            let ch = u32::try_from(v).ok().filter(|&v| v < 0x110000);
            let Some(ch) = ch else { return Err("OverflowError: %c arg not in range(0x110000)".into()) };
            let Some(ch) = char::from_u32(ch) else {
                return verr("(Loopscope) %c of a surrogate code point, which strings here cannot hold");
            };
            spec.out(false, "", &ch.to_string(), false)
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => return percent_float(v as f64, spec),
        _ => return Err(spec.mismatch("int")),
    })
}

/// One `%` conversion of a float: `e E f F g G`, or `d i u` (truncated toward zero, like `int()`).
pub fn percent_float(v: f64, spec: &PercentSpec) -> Result<String, String> {
    let c = spec.conv;
    if matches!(c, 'd' | 'i' | 'u') {
        let t = float_to_int_check(v)?.trunc();
        return Ok(spec.int_out(v < 0.0 && t != 0.0, &format!("{:.0}", t.abs())));
    }
    let (code, prec) = match c {
        'e' | 'E' => ('e', spec.precision.unwrap_or(6) + 1),
        'f' | 'F' => ('f', spec.precision.unwrap_or(6)),
        'g' | 'G' => ('g', spec.precision.unwrap_or(6).max(1)),
        _ => return Err(spec.mismatch("float")),
    };
    let mut text = if v.is_nan() {
        "nan".into()
    } else if v.is_infinite() {
        "inf".into()
    } else {
        let (d, decpt) = digits(v, if code == 'f' { 3 } else { 2 }, prec);
        layout(&d, decpt, code, prec as i32, spec.alt, false)
    };
    if c.is_ascii_uppercase() {
        text.make_ascii_uppercase();
    }
    Ok(spec.out(v.is_sign_negative() && !v.is_nan(), "", &text, true))
}

/// One `%` conversion of text: `s`, `r` or `a` of the str, repr or ascii the interpreter made (the precision
/// truncates), or `c` of a one-character str.
pub fn percent_str(s: &str, spec: &PercentSpec) -> String {
    let keep = if spec.conv == 'c' { usize::MAX } else { spec.precision.unwrap_or(usize::MAX) };
    spec.out(false, "", &s.chars().take(keep).collect::<String>(), false)
}

// ---------------------------------------------------------------------------------------------------------------
// repr of a str.

/// Where `str.isprintable()` flips, for Unicode 14 (CPython 3.11's): LEB128 gaps between successive boundaries,
/// starting printable at 0. Generated from python3's `chr(c).isprintable()`.
const PRINTABLE_FLIPS: &[u8] = b"\
\x00\x20_\x22\x0c\x01\xca\x05\x02\x06\x04\x07\x01\x01\x01\x14\x01\x8d\x03\x01&\x022\x02\x03\x017\x08\x1b\x04\
    \x06\x11\x16\x01\xc0\x01\x010\x02;\x02e\x0e;\x021\x02\x0f\x01\x1c\x02\x01\x01\x0b\x05\x1f\x09J\x01\xa1\x01\x01\
    \x08\x02\x02\x02\x16\x01\x07\x01\x01\x03\x04\x02\x09\x02\x02\x02\x04\x08\x01\x04\x02\x01\x05\x02\x19\x02\x03\
    \x01\x06\x04\x02\x02\x16\x01\x07\x01\x02\x01\x02\x01\x02\x02\x01\x01\x05\x04\x02\x02\x03\x03\x01\x07\x04\x01\
    \x01\x07\x11\x0a\x03\x01\x09\x01\x03\x01\x16\x01\x07\x01\x02\x01\x05\x02\x0a\x01\x03\x01\x03\x02\x01\x0f\x04\
    \x02\x0c\x07\x07\x01\x03\x01\x08\x02\x02\x02\x16\x01\x07\x01\x02\x01\x05\x02\x09\x02\x02\x02\x03\x07\x03\x04\
    \x02\x01\x05\x02\x12\x0a\x02\x01\x06\x03\x03\x01\x04\x03\x02\x01\x01\x01\x02\x03\x02\x03\x03\x03\x0c\x04\x05\
    \x03\x03\x01\x04\x02\x01\x06\x01\x0e\x15\x05\x0d\x01\x03\x01\x17\x01\x10\x02\x09\x01\x03\x01\x04\x07\x02\x01\
    \x03\x02\x01\x02\x04\x02\x0a\x07\x16\x01\x03\x01\x17\x01\x0a\x01\x05\x02\x09\x01\x03\x01\x04\x07\x02\x06\x02\
    \x01\x04\x02\x0a\x01\x02\x0d\x0d\x01\x03\x013\x01\x03\x01\x06\x04\x10\x02\x1a\x01\x03\x01\x12\x03\x18\x01\x09\
    \x01\x01\x02\x07\x03\x01\x04\x06\x01\x01\x01\x08\x06\x0a\x02\x03\x0c:\x04\x1d%\x02\x01\x01\x01\x05\x01\x18\x01\
    \x01\x01\x17\x02\x05\x01\x01\x01\x06\x02\x0a\x02\x04\x20H\x01$\x04'\x01$\x01\x0f\x01\x0d%\xc6\x01\x01\x01\x05\
    \x01\x02\xf9\x02\x01\x04\x02\x07\x01\x01\x01\x04\x02)\x01\x04\x02!\x01\x04\x02\x07\x01\x01\x01\x04\x02\x0f\x01\
    9\x01\x04\x02C\x02\x20\x03\x1a\x06V\x02\x06\x02\x80\x05\x01\x1c\x03Y\x07\x16\x09\x18\x09\x14\x0c\x0d\x01\x03\
    \x01\x02\x0c^\x02\x0a\x06\x0a\x06\x0e\x01\x0b\x06Y\x07+\x05F\x0a\x1f\x01\x0c\x04\x0c\x04\x01\x03*\x02\x05\x0b,\
    \x04\x1a\x06\x0b\x03>\x02A\x01\x1d\x02\x0b\x06\x0a\x06\x0e\x02\x1f1M\x03/\x01t\x08<\x03\x0f\x03<\x07+\x02\x0b\
    \x08+\x05\x96\x04\x02\x06\x02&\x02\x06\x02\x08\x01\x01\x01\x01\x01\x01\x01\x1f\x025\x01\x0f\x01\x0e\x02\x06\
    \x01\x13\x02\x03\x01\x09\x11\x18\x08/\x11\x02\x02\x1b\x01\x0d\x03!\x0f!\x0f\x8c\x01\x04\x97\x05\x19\x0b\x15\
    \x94\x0e\x02\x20\x01\xdd\x02\x05-\x01\x01\x05\x01\x028\x07\x02\x0e\x18\x09\x07\x01\x07\x01\x07\x01\x07\x01\x07\
    \x01\x07\x01\x07\x01\x07\x01~\x22\x1a\x01Y\x0c\xd6\x01\x1a\x0c\x05?\x01V\x02g\x05+\x01^\x01T\x0c/\x01\xed\xe4\
    \x01\x037\x09\xdc\x02\x14\xb8\x01\x08\xcb\x01\x05\x02\x01\x01\x01\x05\x18;\x03\x0a\x068\x08F\x08\x0c\x06t\x0b\
    \x1e\x03N\x01\x0b\x04!\x017\x09\x0e\x02\x0a\x02g\x18\x1c\x0a\x06\x02\x06\x02\x06\x09\x07\x01\x07\x01<\x04~\x02\
    \x0a\x06\xa4W\x0c\x17\x041\x84B\xee\x02\x02j&\x07\x0c\x05\x05\x1a\x01\x05\x01\x01\x01\x02\x01\x02\x01}\x10\xbd\
    \x03\x026\x07\x01\x20*\x063\x01\x13\x01\x04\x04\x05\x01\x87\x01\x04\xbe\x01\x03\x06\x02\x06\x02\x06\x02\x03\
    \x03\x07\x01\x07\x0d\x02\x02\x0c\x01\x1a\x01\x13\x01\x02\x01\x0f\x02\x0e\x22{\x05\x03\x04-\x03X\x01\x0d\x03\
    \x01/.\x82\x01\x1d\x031\x0f\x1c\x04$\x09\x1e\x05+\x05\x1e\x01%\x04\x0e*\x9e\x01\x02\x0a\x06$\x04$\x04(\x084\
    \x0b\x0c\x01\x0f\x01\x07\x01\x02\x01\x0b\x01\x0f\x01\x07\x01\x02C\xb7\x02\x09\x16\x0a\x08\x18\x06\x01*\x01\x09\
    E\x06\x02\x01\x01,\x01\x02\x03\x01\x02\x17\x01H\x08\x090\x13\x01\x02\x05!\x03\x1b\x05\x01@8\x04\x14\x022\x01\
    \x02\x05\x08\x01\x03\x01\x1d\x02\x03\x04\x0a\x07\x09\x07@\x20'\x04\x0c\x096\x03\x1d\x02\x1b\x05\x1a\x07\x04\
    \x0c\x07PI73\x0d3\x07.\x08\x0a\xa6\x02\x1f\x01*\x01\x03\x02\x02N(\x08*\x16\x1a&\x1c\x14\x17\x09N\x04$\x09>\x01\
    \x05\x0d\x19\x07\x0a\x065\x01\x12\x08'\x09`\x01\x14\x0b\x12\x01,A\x07\x01\x01\x01\x04\x01\x0f\x01\x0b\x06;\x05\
    \x0a\x06\x04\x01\x08\x02\x02\x02\x16\x01\x07\x01\x02\x01\x05\x01\x0a\x02\x02\x02\x03\x02\x01\x06\x01\x05\x07\
    \x02\x07\x03\x05\x8b\x01\x5c\x01\x05\x1eH\x08\x0a\xa6\x016\x02&\x22E\x0b\x0a\x06\x0d\x13:\x06\x0a6\x1b\x02\x0f\
    \x04\x17\xb9\x01<dS\x0c\x08\x02\x01\x02\x08\x01\x02\x01\x1e\x01\x02\x02\x0c\x09\x0aF\x08\x02.\x02\x0b\x1bH\x08\
    S\x0dI\x87\x02\x09\x01-\x01\x0e\x0a\x1d\x03\x20\x02\x16\x01\x0eI\x07\x01\x02\x01,\x03\x01\x01\x02\x01\x09\x08\
    \x0a\x06\x06\x01\x02\x01%\x01\x02\x01\x06\x07\x0a\xb6\x02\x19\xb7\x01\x01\x0f2\x0d\x9b\x07fo\x01\x05\x0b\xc4\
    \x01\xcc\x14c\x0d\xaf\x08\xd1\x1f\xc7\x04\xb9C\xb9\x04\x07\x1f\x01\x0a\x04Q\x01\x0a\x06\x1e\x02\x06\x0aF\x0a\
    \x0a\x01\x07\x01\x15\x05\x13\xb0\x05[eK\x049\x07\x11@\x05\x0b\x02\x0e\xf8/\x08\xd6\x09*\x09\xe7E\x04\x01\x07\
    \x01\x02\x01\xa3\x02-\x03\x11\x04\x08\x8c\x03\x84\x12k\x05\x0d\x03\x09\x07\x0a\x02\x04\xe0$.\x02\x17\x09t<\xf6\
    \x01\x0a'\x02J\x08p\x15F\x9a\x01\x14\x0cW\x09\x19\x87\x01U\x01G\x01\x02\x02\x01\x02\x02\x02\x04\x01\x0c\x01\
    \x01\x01\x07\x01A\x01\x04\x02\x08\x01\x07\x01\x1c\x01\x04\x01\x05\x01\x01\x03\x07\x01\xd4\x02\x02\xa4\x02\x02\
    \xbe\x05\x0f\x05\x01\x0f\xd0\x08\x1f\xe1\x01\x07\x01\x11\x02\x07\x01\x02\x01\x05\xd5\x01-\x03\x0e\x02\x0a\x04\
    \x02\xc0\x02\x1f\x11:\x05\x01\xe0\x09\x07\x01\x04\x01\x02\x01\x0f\x01\xc5\x01\x02\x10)L\x04\x0a\x04\x02\x91\
    \x06DL=\xc2\x01\x04\x01\x1b\x01\x02\x01\x01\x02\x01\x01\x0a\x01\x04\x01\x01\x01\x01\x06\x01\x04\x01\x01\x01\
    \x01\x01\x01\x03\x01\x02\x01\x01\x02\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x02\x01\x01\x02\x04\x01\x07\x01\
    \x04\x01\x04\x01\x01\x01\x0a\x01\x11\x05\x03\x01\x05\x01\x114\x02\x8e\x02,\x04d\x0c\x0f\x02\x0f\x01\x0f\x01%\
    \x0a\xae\x018\x1d\x0d,\x04\x09\x07\x02\x0e\x06\x9a\x01\xd8\x07\x05\x10\x03\x0d\x03t\x0cY\x07\x0c\x04\x01\x0f\
    \x0c\x048\x08\x0a\x06(\x08\x1e\x02\x02N\xd4\x02\x0c\x0e\x02\x05\x03\x05\x03\x07\x09\x1d\x03\x0b\x05\x06\x0a\
    \x0a\x06\x08\x08\x07\x09\x93\x01\x017%\x0a\x86\x08\xe0\xcd\x02\x20\xb9\x20\x07\xde\x01\x02\x82-\x0e\xb1:\x9f\
    \x18\x9e\x04\xe2\x0b\xcb&\xb5\xdb+\xf0\x01";

/// Whether CPython's `repr` shows `c` as is (`str.isprintable`: not a control, format, separator other than
/// space, private-use or unassigned character).
fn is_printable(c: char) -> bool {
    in_flips(PRINTABLE_FLIPS, c, true)
}

/// Whether `c` is in the set whose boundaries `flips` lists (LEB128 gaps between successive boundaries), the
/// set holding 0 if `first`.
fn in_flips(flips: &[u8], c: char, first: bool) -> bool {
    let (c, mut at, mut inside, mut acc, mut shift) = (c as u32, 0u32, first, 0u32, 0);
    for &b in flips {
        acc |= u32::from(b & 0x7f) << shift;
        if b & 0x80 != 0 {
            shift += 7;
            continue;
        }
        at = at.saturating_add(acc);
        if c < at {
            return inside;
        }
        (inside, acc, shift) = (!inside, 0, 0);
    }
    inside
}

/// `repr(s)` exactly as CPython: single quotes unless the text has `'` and no `"`; backslash escapes for `\\`,
/// the quote, `\n`, `\r`, `\t`; `\xNN`, `\uNNNN` or `\UNNNNNNNN` for other non-printable characters; printable
/// non-ASCII (`ç`, `ğ`, `é`, emoji) kept as is.
pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => out.extend(['\\', c]),
            ' '..='~' => out.push(c),
            c if c > '~' && is_printable(c) => out.push(c),
            c => {
                let _ = match c as u32 {
                    n @ 0..=0xff => write!(out, "\\x{n:02x}"),
                    n @ 0..=0xffff => write!(out, "\\u{n:04x}"),
                    n => write!(out, "\\U{n:08x}"),
                };
            }
        }
    }
    out.push(q);
    out
}

// ---------------------------------------------------------------------------------------------------------------
// Upper and lower case: `str.upper`, `str.lower`, `swapcase`, `title`, `capitalize`.
//
// The same mappings as Rust's `char::to_uppercase`/`to_lowercase` and `str::to_lowercase` (full case mapping,
// Final_Sigma), Unicode 17, in compact tables: std's own tables and code took ~15 KB of the gzipped wasm, these
// take ~3 KB. Generated from std's functions; the test `case_mapping_matches_std_for_every_char` checks every char
// against them; `print_case_tables` (an ignored test) prints them anew if a newer Rust's Unicode moves them.

/// `char::to_uppercase` where it gives one char other than `c`: runs of `count` chars `stride` apart
/// that all move by `delta`, packed as `start | count << 21 | (stride - 1) << 28 | delta << 29` (17-bit signed).
#[rustfmt::skip]
const UPPER_RUNS: [u64; 198] = [
    0x3ffc03400061, 0x5ce02000b5, 0x3ffc02e000e0, 0x3ffc00e000f8, 0xf202000ff, 0x3ffff3000101, 0x3fe300200131,
    0x3ffff0600133, 0x3ffff100013a, 0x3ffff2e0014b, 0x3ffff060017a, 0x3fda8020017f, 0x1860200180, 0x3ffff0400183,
    0x3fffe0200188, 0x3fffe020018c, 0x3fffe0200192, 0xc20200195, 0x3fffe0200199, 0x146020019a, 0x14c82020019b,
    0x104020019e, 0x3ffff06001a1, 0x3fffe02001a8, 0x3fffe02001ad, 0x3fffe02001b0, 0x3ffff04001b4, 0x3fffe02001b9,
    0x3fffe02001bd, 0x7002001bf, 0x3fffe02001c5, 0x3fffc02001c6, 0x3fffe02001c8, 0x3fffc02001c9, 0x3fffe02001cb,
    0x3fffc02001cc, 0x3ffff10001ce, 0x3ff6202001dd, 0x3ffff12001df, 0x3fffe02001f2, 0x3fffc02001f3, 0x3fffe02001f5,
    0x3ffff28001f9, 0x3ffff1200223, 0x3fffe020023c, 0x547e040023f, 0x3fffe0200242, 0x3ffff0a00247, 0x543e0200250,
    0x54380200251, 0x543c0200252, 0x3fe5c0200253, 0x3fe640200254, 0x3fe660400256, 0x3fe6c0200259, 0x3fe6a020025b,
    0x14a9e020025c, 0x3fe660200260, 0x14a960200261, 0x3fe620200263, 0x14ace0200264, 0x14a500200265, 0x14a880200266,
    0x3fe5e0200268, 0x3fe5a0200269, 0x14a88020026a, 0x53ee020026b, 0x14a82020026c, 0x3fe5a020026f, 0x53fa0200271,
    0x3fe560200272, 0x3fe540200275, 0x53ce020027d, 0x3fe4c0200280, 0x14a860200282, 0x3fe4c0200283, 0x14a540200287,
    0x3fe4c0200288, 0x3ff760200289, 0x3fe4e040028a, 0x3ff72020028c, 0x3fe4a0200292, 0x14a2a020029d, 0x14a24020029e,
    0xa80200345, 0x3ffff0400371, 0x3fffe0200377, 0x104060037b, 0x3ffb402003ac, 0x3ffb606003ad, 0x3ffc022003b1,
    0x3ffc202003c2, 0x3ffc012003c3, 0x3ff8002003cc, 0x3ff8204003cd, 0x3ff8402003d0, 0x3ff8e02003d1, 0x3ffa202003d5,
    0x3ff9402003d6, 0x3fff002003d7, 0x3ffff18003d9, 0x3ff5402003f0, 0x3ff6002003f1, 0xe02003f2, 0x3ff1802003f3,
    0x3ff4002003f5, 0x3fffe02003f8, 0x3fffe02003fb, 0x3ffc04000430, 0x3ff602000450, 0x3ffff2200461, 0x3ffff360048b,
    0x3ffff0e004c2, 0x3ffe202004cf, 0x3ffff60004d1, 0x3ffa04c00561, 0x178056010d0, 0x178006010fd, 0x3fff00c013f8,
    0x3cf240201c80, 0x3cf260201c81, 0x3cf380201c82, 0x3cf3c0401c83, 0x3cf3a0201c85, 0x3cf480201c86, 0x3cfb60201c87,
    0x113840201c88, 0x3fffe0201c8a, 0x114080201d79, 0x1dcc0201d7d, 0x114700201d8e, 0x3ffff9601e01, 0x3ff8a0201e9b,
    0x3ffff6001ea1, 0x101001f00, 0x100c01f10, 0x101001f20, 0x101001f30, 0x100c01f40, 0x110801f51, 0x101001f60,
    0x940401f70, 0xac0801f72, 0xc80401f76, 0x1000401f78, 0xe00401f7a, 0xfc0401f7c, 0x100401fb0, 0x3c7b60201fbe,
    0x100401fd0, 0x100401fe0, 0xe0201fe5, 0x3ffc8020214e, 0x3ffe02002170, 0x3fffe0202184, 0x3ffcc34024d0,
    0x3ffa06002c30, 0x3fffe0202c61, 0x3abaa0202c65, 0x3abb00202c66, 0x3ffff0602c68, 0x3fffe0202c73, 0x3fffe0202c76,
    0x3ffff6402c81, 0x3ffff0402cec, 0x3fffe0202cf3, 0x3c7404c02d00, 0x3c7400202d27, 0x3c7400202d2d, 0x3ffff2e0a641,
    0x3ffff1c0a681, 0x3ffff0e0a723, 0x3ffff3e0a733, 0x3ffff040a77a, 0x3ffff0a0a77f, 0x3fffe020a78c, 0x3ffff040a791,
    0x60020a794, 0x3ffff140a797, 0x3ffff100a7b5, 0x3ffff040a7c8, 0x3ffff100a7cd, 0x3fffe020a7f6, 0x3f8c0020ab53,
    0x2d060a00ab70, 0x3ffc0340ff41, 0x3ffb05010428, 0x3ffb048104d8, 0x3ffb21610597, 0x3ffb21e105a3, 0x3ffb20e105b3,
    0x3ffb204105bb, 0x3ff806610cc0, 0x3ffc02c10d70, 0x3ffc040118c0, 0x3ffc04016e60, 0x3ffca3216ebb, 0x3ffbc441e922,
];
/// `char::to_lowercase` where it gives one char other than `c`, packed as [`UPPER_RUNS`].
#[rustfmt::skip]
const LOWER_RUNS: [u64; 185] = [
    0x403400041, 0x402e000c0, 0x400e000d8, 0x33000100, 0x30600132, 0x31000139, 0x32e0014a, 0x3ff0e0200178,
    0x30600179, 0x1a40200181, 0x30400182, 0x19c0200186, 0x20200187, 0x19a0400189, 0x2020018b, 0x9e020018e,
    0x194020018f, 0x1960200190, 0x20200191, 0x19a0200193, 0x19e0200194, 0x1a60200196, 0x1a20200197, 0x20200198,
    0x1a6020019c, 0x1aa020019d, 0x1ac020019f, 0x306001a0, 0x1b402001a6, 0x202001a7, 0x1b402001a9, 0x202001ac,
    0x1b402001ae, 0x202001af, 0x1b204001b1, 0x304001b3, 0x1b602001b7, 0x202001b8, 0x202001bc, 0x402001c4,
    0x202001c5, 0x402001c7, 0x202001c8, 0x402001ca, 0x312001cb, 0x312001de, 0x402001f1, 0x304001f2, 0x3ff3e02001f6,
    0x3ff9002001f7, 0x328001f8, 0x3fefc0200220, 0x31200222, 0x5456020023a, 0x2020023b, 0x3feba020023d,
    0x5450020023e, 0x20200241, 0x3fe7a0200243, 0x8a0200244, 0x8e0200245, 0x30a00246, 0x30400370, 0x20200376,
    0xe8020037f, 0x4c0200386, 0x4a0600388, 0x80020038c, 0x7e040038e, 0x402200391, 0x4012003a3, 0x1002003cf,
    0x318003d8, 0x3ff8802003f4, 0x202003f7, 0x3fff202003f9, 0x202003fa, 0x3fefc06003fd, 0xa02000400, 0x404000410,
    0x32200460, 0x3360048a, 0x1e02004c0, 0x30e004c1, 0x360004d0, 0x604c00531, 0x38c04c010a0, 0x38c002010c7,
    0x38c002010cd, 0x12fa0a0013a0, 0x100c013f0, 0x20201c89, 0x3e8805601c90, 0x3e8800601cbd, 0x39601e00,
    0x3c4820201e9e, 0x36001ea0, 0x3fff01001f08, 0x3fff00c01f18, 0x3fff01001f28, 0x3fff01001f38, 0x3fff00c01f48,
    0x3fff10801f59, 0x3fff01001f68, 0x3fff01001f88, 0x3fff01001f98, 0x3fff01001fa8, 0x3fff00401fb8, 0x3ff6c0401fba,
    0x3ffee0201fbc, 0x3ff540801fc8, 0x3ffee0201fcc, 0x3fff00401fd8, 0x3ff380401fda, 0x3fff00401fe8, 0x3ff200401fea,
    0x3fff20201fec, 0x3ff000401ff8, 0x3ff040401ffa, 0x3ffee0201ffc, 0x3c5460202126, 0x3be82020212a, 0x3bf74020212b,
    0x380202132, 0x202002160, 0x20202183, 0x3434024b6, 0x606002c00, 0x20202c60, 0x3ac120202c62, 0x3e2340202c63,
    0x3ac320202c64, 0x30602c67, 0x3abc80202c6d, 0x3ac060202c6e, 0x3abc20202c6f, 0x3abc40202c70, 0x20202c72,
    0x20202c75, 0x3ab820402c7e, 0x36402c80, 0x30402ceb, 0x20202cf2, 0x32e0a640, 0x31c0a680, 0x30e0a722, 0x33e0a732,
    0x3040a779, 0x2ebf8020a77d, 0x30a0a77e, 0x2020a78b, 0x2b5b0020a78d, 0x3040a790, 0x3140a796, 0x2b578020a7aa,
    0x2b562020a7ab, 0x2b56a020a7ac, 0x2b57e020a7ad, 0x2b578020a7ae, 0x2b5dc020a7b0, 0x2b5ac020a7b1, 0x2b5d6020a7b2,
    0x740020a7b3, 0x3100a7b4, 0x3ffa0020a7c4, 0x2b57a020a7c5, 0x2eb90020a7c6, 0x3040a7c7, 0x2b532020a7cb,
    0x3100a7cc, 0x2b37e020a7dc, 0x2020a7f5, 0x40340ff21, 0x505010400, 0x5048104b0, 0x4e1610570, 0x4e1e1057c,
    0x4e0e1058c, 0x4e0410594, 0x806610c80, 0x402c10d50, 0x4040118a0, 0x404016e40, 0x363216ea0, 0x44441e900,
];
/// `char::to_uppercase` where it gives several chars: each char followed by its upper case, space-separated.
const UPPER_MULTI: &str = "\
    ßSS ŉʼN ǰJ\u{30c} ΐΙ\u{308}\u{301} ΰΥ\u{308}\u{301} ևԵՒ ẖH\u{331} ẗT\u{308} ẘW\u{30a} \
    ẙY\u{30a} ẚAʾ ὐΥ\u{313} ὒΥ\u{313}\u{300} ὔΥ\u{313}\u{301} ὖΥ\u{313}\u{342} ᾀἈΙ ᾁἉΙ \
    ᾂἊΙ ᾃἋΙ ᾄἌΙ ᾅἍΙ ᾆἎΙ ᾇἏΙ ᾈἈΙ ᾉἉΙ ᾊἊΙ ᾋἋΙ ᾌἌΙ ᾍἍΙ \
    ᾎἎΙ ᾏἏΙ ᾐἨΙ ᾑἩΙ ᾒἪΙ ᾓἫΙ ᾔἬΙ ᾕἭΙ ᾖἮΙ ᾗἯΙ ᾘἨΙ ᾙἩΙ \
    ᾚἪΙ ᾛἫΙ ᾜἬΙ ᾝἭΙ ᾞἮΙ ᾟἯΙ ᾠὨΙ ᾡὩΙ ᾢὪΙ ᾣὫΙ ᾤὬΙ ᾥὭΙ \
    ᾦὮΙ ᾧὯΙ ᾨὨΙ ᾩὩΙ ᾪὪΙ ᾫὫΙ ᾬὬΙ ᾭὭΙ ᾮὮΙ ᾯὯΙ ᾲᾺΙ ᾳΑΙ \
    ᾴΆΙ ᾶΑ\u{342} ᾷΑ\u{342}Ι ᾼΑΙ ῂῊΙ ῃΗΙ ῄΉΙ ῆΗ\u{342} ῇΗ\u{342}Ι ῌΗΙ \
    ῒΙ\u{308}\u{300} ΐΙ\u{308}\u{301} ῖΙ\u{342} ῗΙ\u{308}\u{342} ῢΥ\u{308}\u{300} \
    ΰΥ\u{308}\u{301} ῤΡ\u{313} ῦΥ\u{342} ῧΥ\u{308}\u{342} ῲῺΙ ῳΩΙ ῴΏΙ ῶΩ\u{342} \
    ῷΩ\u{342}Ι ῼΩΙ ﬀFF ﬁFI ﬂFL ﬃFFI ﬄFFL ﬅST ﬆST ﬓՄՆ ﬔՄԵ ﬕՄԻ ﬖՎՆ ﬗՄԽ";
/// Where the chars that Final_Sigma skips (`Case_Ignorable`) start and stop: LEB128 gaps, as [`PRINTABLE_FLIPS`].
const SIGMA_SKIP: &[u8] = b"\
    '\x01\x06\x01\x0b\x01#\x01\x01\x01G\x01\x04\x01\x01\x01\x04\x01\x02\x02\xf7\x03\xc0\x01\x04\x02\x04\x01\x09\x02\
    \x01\x01\xfb\x01\x07\xcf\x01\x01\x05\x011-\x01\x01\x01\x02\x01\x02\x01\x01,\x01\x0b\x06\x0a\x0b\x01\x01#\x01\
    \x0a\x15\x10\x01e\x08\x01\x0a\x01\x04!\x01\x01\x01\x1e\x1b[\x0b:\x0b\x04\x01\x02\x01\x18\x18+\x03,\x01\x07\x02\
    \x05\x09):7\x01\x01\x01\x04\x08\x04\x01\x03\x07\x0a\x02\x0d\x01\x0f\x01:\x01\x04\x04\x08\x01\x14\x02\x1a\x01\
    \x02\x029\x01\x04\x02\x04\x02\x02\x03\x03\x01\x1e\x02\x03\x01\x0b\x029\x01\x04\x05\x01\x02\x04\x01\x14\x02\x16\
    \x06\x01\x01:\x01\x02\x01\x01\x04\x08\x01\x07\x02\x0b\x02\x1e\x01=\x01\x0c\x012\x01\x03\x017\x01\x01\x03\x05\
    \x03\x01\x04\x07\x02\x0b\x02\x1d\x01:\x01\x02\x01\x06\x01\x05\x02\x14\x02\x1c\x029\x02\x04\x04\x08\x01\x14\x02\
    \x1d\x01H\x01\x07\x03\x01\x01Z\x01\x02\x07\x0b\x09b\x01\x02\x09\x09\x01\x01\x07I\x02\x1b\x01\x01\x01\x01\x017\
    \x0e\x01\x05\x01\x02\x05\x0b\x01$\x09\x01f\x04\x01\x06\x01\x02\x02\x02\x19\x02\x04\x03\x10\x04\x0d\x01\x02\x02\
    \x06\x01\x0f\x01^\x01\xe0\x04\x03\xb2\x07\x03\x1d\x02\x1e\x02\x1e\x02@\x02\x01\x07\x08\x01\x02\x0b\x03\x01\x05\
    \x01-\x053\x01A\x02\"\x01v\x03\x04\x02\x09\x01\x06\x03\xdb\x01\x02\x02\x01:\x01\x01\x07\x01\x01\x01\x01\x02\x08\
    \x06\x0a\x02\x01'\x01\x08.\x02\x0c\x14\x040\x01\x01\x05\x01\x01\x05\x01(\x09\x0c\x02 \x04\x02\x02\x01\x038\x01\
    \x01\x02\x03\x01\x01\x03:\x08\x02\x02@\x06R\x03\x01\x0d\x01\x07\x04\x01\x06\x01\x03\x022?\x0d\x01\"e\xbd\x03\
    \x01\x01\x03\x0b\x03\x0d\x03\x0d\x03\x0d\x02\x0c\x05\x08\x02\x0a\x01\x02\x01\x02\x051\x05\x01\x0a\x01\x01\x0d\
    \x01\x10\x0d3!\x8b\x17\x02q\x03}\x01\x0f\x01` /\x01\xd5\x03\x01$\x04\x03\x05\x05\x01]\x06]\x03\x96\xde\x01\x01\
    \xe2\x09\x06\x8e\x02\x01b\x04\x01\x0a\x01\x01\x1c\x04P\x02\x0e\"N\x01\x17\x03f\x04\x03\x02\x08\x01\x03\x01\x04\
    \x01\x19\x02\x05\x01\x97\x01\x02\x1a\x12\x0d\x01&\x08\x19\x0b.\x030\x01\x02\x04\x02\x02\x11\x01\x15\x02B\x06\
    \x02\x02\x02\x02\x0c\x01\x08\x01#\x01\x0b\x013\x01\x01\x03\x02\x02\x05\x02\x01\x01\x1b\x01\x0e\x02\x05\x02\x01\
    \x01d\x05\x09\x03y\x01\x02\x01\x04\x01\xb0\x9e\x01\x01\x93\x01\x11\xbd\x04\x10\x03\x01\x0c\x10\"\x01\x02\x01\
    \xa9\x01\x01\x07\x01\x06\x01\x0b\x01#\x01\x01\x01/\x01-\x02C\x01\x15\x03\x81\x04\x01\xe2\x01\x01\x95\x01\x05\
    \x85\x08\x06\x01*\x01\x09\xc6\x04\x03\x01\x02\x05\x04(\x03\x04\x01\xa5\x01\x02\xbd\x04\x04&\x01\x1a\x05\x01\x01\
    \xbb\x02\x02\x18\x014\x06F\x0b1\x04{\x016\x0f)\x01\x02\x02\x0a\x031\x04\x02\x02\x02\x01\x04\x01\x0a\x012\x03$\
    \x05\x01\x08>\x01\x0c\x024\x09\x0a\x04\x02\x01_\x03\x02\x01\x01\x02\x06\x01\x02\x01\x9d\x01\x01\x03\x08\x15\x02\
    9\x02\x03\x01%\x07\x03\x05F\x06\x0d\x01\x01\x01\x01\x01\x0e\x02U\x08\x02\x03\x01\x01\x17\x01T\x06\x01\x01\x04\
    \x02\x01\x02\xee\x01\x04\x06\x02\x01\x02\x1b\x02U\x08\x02\x01\x01\x02j\x01\x01\x01\x02\x06\x01\x01e\x01\x01\x01\
    \x02\x04\x01\x05\x83\x02\x09\x01\x02\x80\x02\x02\x01\x01\x04\x01\x90\x01\x04\x02\x02\x04\x01 \x0a(\x06\x02\x04\
    \x08\x01\x09\x06\x02\x03.\x0d\x01\x02\xc6\x01\x01\x01\x03\x01\x01\xc9\x01\x07\x01\x06\x01\x01R\x16\x02\x07\x01\
    \x02\x01\x02z\x06\x03\x01\x01\x02\x01\x07\x01\x01H\x02\x03\x01\x01\x01A\x01\x99\x02\x02\x0b\x024\x05\x05\x01\
    \x01\x01\x17\x01\xd5)\x11\x06\x0f\xc8Y\x0c\x03\x03\xc0\x13\x05;\x07\x09\x04\xfc\x03\x03(\x02\xe2\x03\x01?\x11@\
    \x02\x01\x02\x0d\x02\xfc\x7f\x04\x01\x07\x01\x02\x9e\x19\x02\x01\x04\xdc$.\x02\x17\xa0\x04\x03\x09\x10\x02\x07\
    \x1e\x04\x94\x01\x03\xbb\x0f7\x042\x08\x01\x0e\x01\x16\x05\x01\x0f\xd0\x0a\x07\x01\x11\x02\x07\x01\x02\x01\x05\
    \x05>!\x01\xa0\x01\x0e\xf0\x02\x01=\x04\xfb\x03\x05\xfe\x01\x02\xf3\x01\x01\x02\x01\x07\x02\x05\x01\x09\x01\xd0\
    \x03\x07m\x08\xaf\x15\x05\x81\x980\x01\x1e`\x80\x01\xf0\x01";
/// Where the other chars that make a sigma final or not (`Cased`, not `Case_Ignorable`) start and stop.
const SIGMA_CASED: &[u8] = b"\
    A\x1a\x06\x1a/\x01\x0a\x01\x04\x01\x05\x17\x01\x1f\x01\xc3\x01\x01\x04\x04\xd0\x01\x02\x1a\xc0\x01\x04\x02\x02\
    \x03\x03\x01\x01\x06\x01\x01\x03\x01\x01\x01\x14\x01S\x01\x8b\x01\x08\xa6\x01\x01&\x09)\x97\x16&\x01\x01\x05\
    \x01\x02+\x02\x03\xa0\x05V\x02\x06\x82\x11\x0b\x05+\x02\x03@,?\x0d\x01\"e\x96\x02\x02\x06\x02&\x02\x06\x02\x08\
    \x01\x01\x01\x01\x01\x01\x01\x1f\x025\x01\x07\x01\x01\x03\x03\x01\x07\x03\x04\x02\x06\x04\x0d\x05\x03\x01\x07\
    \x85\x02\x01\x04\x01\x02\x0a\x01\x01\x03\x05\x06\x01\x01\x01\x01\x01\x01\x04\x01\x06\x04\x01\x02\x04\x05\x05\
    \x04\x01\x11 \x03\x02\xb1\x064\x96\x0e|\x02g\x06\x04\x03\x02\x0c&\x01\x01\x05\x01\x92\xf2\x01.\x12\x1c\x86\x01N\
    \x01\x17\x03\x04\x01M\x18\x02\x03\x01\xb5\x06+\x05\x09\x07P\xc0\x9e\x01\x07\x0c\x05\x89\x08\x1a\x06\x1a\xa5\x09\
    P`$\x04$t\x0b\x01\x0f\x01\x07\x01\x02\x01\x0b\x01\x0f\x01\x07\x01\x02\xc3\x0d3\x0d3]\x16\x0a\x16\x9a\x16@\xe0\
    \xaa\x01@ \x19\x02\x19\xac\xca\x01U\x01G\x01\x02\x02\x01\x02\x02\x02\x04\x01\x0c\x01\x01\x01\x07\x01A\x01\x04\
    \x02\x08\x01\x07\x01\x1c\x01\x04\x01\x05\x01\x01\x03\x07\x01\xd4\x02\x02\x19\x01\x19\x01\x1f\x01\x19\x01\x1f\
    \x01\x19\x01\x1f\x01\x19\x01\x1f\x01\x19\x01\x08\xb4\x0e\x0a\x01\x14\x06\x06\xd5\x13D\xec\x0f\x1a\x06\x1a\x06\
    \x1a";

/// The single char `c` maps to in `runs`, if it is in one.
fn in_runs(runs: &[u64], c: char) -> Option<char> {
    let c = c as u32;
    for &r in runs {
        let start = (r & 0x1f_ffff) as u32;
        if start > c {
            break;
        }
        let (count, stride) = ((r >> 21 & 0x7f) as u32, (r >> 28 & 1) as u32 + 1);
        let off = c - start;
        if off % stride == 0 && off / stride < count {
            // The 17-bit delta, sign-extended.
            let delta = ((r >> 29) as i32) << 15 >> 15;
            return char::from_u32(c.wrapping_add_signed(delta));
        }
    }
    None
}

/// Appends `c.to_uppercase()` to `out`.
pub fn push_upper(out: &mut String, c: char) {
    if c.is_ascii() {
        return out.push(c.to_ascii_uppercase());
    }
    if let Some(u) = in_runs(&UPPER_RUNS, c) {
        return out.push(u);
    }
    match UPPER_MULTI.split(' ').find(|m| m.starts_with(c)) {
        Some(m) => out.push_str(&m[c.len_utf8()..]),
        None => out.push(c),
    }
}

/// Appends `c.to_lowercase()` to `out` (a capital sigma becomes `σ`: see [`lower`]).
pub fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        return out.push(c.to_ascii_lowercase());
    }
    match (c, in_runs(&LOWER_RUNS, c)) {
        ('\u{130}', _) => out.push_str("i\u{307}"),
        (_, Some(l)) => out.push(l),
        _ => out.push(c),
    }
}

/// `s.to_uppercase()`: `str.upper()`.
pub fn upper(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    s.chars().for_each(|c| push_upper(&mut out, c));
    out
}

/// `s.to_lowercase()`: `str.lower()`, where a capital sigma at the end of a word becomes `ς` (Final_Sigma).
pub fn lower(s: &str) -> String {
    // Whether, past the case-ignorable chars, the next char is cased.
    fn cased_next(mut chars: impl Iterator<Item = char>) -> bool {
        chars.find(|&c| !in_flips(SIGMA_SKIP, c, false)).is_some_and(|c| in_flips(SIGMA_CASED, c, false))
    }
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == '\u{3a3}' {
            let last = cased_next(s[..i].chars().rev()) && !cased_next(s[i + c.len_utf8()..].chars());
            out.push(if last { '\u{3c2}' } else { '\u{3c3}' });
        } else {
            push_lower(&mut out, c);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------------------------
// int() and float() of a str, round, floor division and modulo.

/// The zero of each run of ten non-ASCII decimal digits (Unicode 14's `Nd`, from python3's `unicodedata`).
const DIGIT_ZEROS: [u32; 65] = [
    0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20,
    0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0,
    0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0,
    0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0,
    0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// The text `int()` and `float()` actually parse: stripped of Unicode whitespace, with every Unicode decimal digit
/// read as its ASCII digit (`int('١٢') == 12`), as CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`.
fn ascii_number(s: &str) -> String {
    let digit = |c: char| {
        let n = c as u32;
        DIGIT_ZEROS.iter().find(|&&z| (z..z + 10).contains(&n)).map_or(c, |z| char::from(b'0' + (n - z) as u8))
    };
    s.trim().chars().map(digit).collect()
}

/// `int(s, base)`: surrounding whitespace, a sign, `_` between digits, and for base 0 (or the matching base) a
/// `0x`/`0o`/`0b` prefix. Ints here are 64-bit: larger values are a `(Loopscope)` OverflowError.
pub fn parse_int(s: &str, base: u32) -> Result<i64, String> {
    if base == 1 || base > 36 {
        return verr("int() base must be >= 2 and <= 36, or 0");
    }
    let bad = || verr(format_args!("invalid literal for int() with base {base}: {}", str_repr(s)));
    let t = ascii_number(s);
    let t = t.as_str();
    let (neg, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let prefixed = match t.get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("0x") => 16,
        Some("0o") => 8,
        Some("0b") => 2,
        _ => 0,
    };
    let (radix, body) = match (base, prefixed) {
        (0, 0) => (10, t),
        // After a prefix an `_` may come first (`0x_1f`).
        (0, p) => (p, t.get(2..).map(|b| b.strip_prefix('_').unwrap_or(b)).unwrap_or("")),
        (b, p) if b == p => (b, t.get(2..).map(|b| b.strip_prefix('_').unwrap_or(b)).unwrap_or("")),
        (b, _) => (b, t),
    };
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return bad();
    }
    let too_big = || Err("OverflowError: (Loopscope) int too large: ints here are 64-bit".to_string());
    let mut n: u64 = 0;
    for c in body.chars().filter(|&c| c != '_') {
        let Some(d) = c.to_digit(radix) else { return bad() };
        let Some(m) = n.checked_mul(u64::from(radix)).and_then(|n| n.checked_add(u64::from(d))) else {
            return too_big();
        };
        n = m;
    }
    // Base 0 refuses a non-zero decimal with leading zeros, the old octal spelling (`010`).
    if base == 0 && prefixed == 0 && n != 0 && body.starts_with('0') {
        return bad();
    }
    let v = if neg { 0i64.checked_sub_unsigned(n) } else { i64::try_from(n).ok() };
    v.map_or_else(too_big, Ok)
}

/// `float(s)`: surrounding whitespace, a sign, `inf`/`infinity`/`nan` in any case, `_` between digits.
pub fn parse_float(s: &str) -> Result<f64, String> {
    let t = ascii_number(s);
    let b = t.as_bytes();
    let digit_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let underscores_ok = (0..b.len()).all(|i| b[i] != b'_' || (i > 0 && digit_at(i - 1) && digit_at(i + 1)));
    let plain: String = t.chars().filter(|&c| c != '_').collect();
    // Rust also reads "infinity"/"nan" in any case; it takes nothing Python refuses, except that it has no
    // `nan(…)` or hex forms either.
    match plain.parse::<f64>() {
        Ok(v) if underscores_ok && !t.is_empty() => Ok(v),
        _ => verr(format_args!("could not convert string to float: {}", str_repr(s))),
    }
}

/// `int(x)` of a float's integral part as CPython refuses it: OverflowError for infinities, ValueError for NaN.
fn float_to_int_check(x: f64) -> Result<f64, String> {
    if x.is_nan() {
        return verr("cannot convert float NaN to integer");
    }
    if x.is_infinite() {
        return Err("OverflowError: cannot convert float infinity to integer".into());
    }
    Ok(x)
}

fn to_i64(x: f64) -> Result<i64, String> {
    let x = float_to_int_check(x)?;
    // -2^63 is exact as a float; 2^63 is the first value past i64's range.
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&x) {
        Ok(x as i64)
    } else {
        Err("OverflowError: (Loopscope) int too large: ints here are 64-bit".into())
    }
}

/// `int(x)` of a float: truncates toward zero.
pub fn float_to_int(x: f64) -> Result<i64, String> {
    to_i64(x.trunc())
}

/// `round(x)` with no digits: the nearest int, ties to even (`round(2.5) == 2`).
pub fn round_to_int(x: f64) -> Result<i64, String> {
    to_i64(x.round_ties_even())
}

/// `round(x, ndigits)` as CPython: rounds the float's exact decimal value, ties to even (`round(2.675, 2) == 2.67`
/// since 2.675 is really 2.67499…; `round(0.125, 2) == 0.12`), then reads the result back as the nearest float.
/// OverflowError when the rounded value exceeds the float range (`round(1.7e308, -308)`).
pub fn round_float(x: f64, ndigits: i32) -> Result<f64, String> {
    // CPython's NDIGITS_MAX and NDIGITS_MIN: past them every float rounds to itself, or to zero.
    if !x.is_finite() || ndigits > 323 {
        return Ok(x);
    }
    if ndigits < -308 {
        return Ok(0.0 * x);
    }
    let text = if ndigits >= 0 {
        format!("{x:.0$}", ndigits as usize)
    } else {
        // Rounding to 10^k: ties need an integral x, so the integer part's digits and whether a fraction is left
        // over decide.
        let k = ndigits.unsigned_abs() as usize;
        let int = format!("{:.0}", x.abs().trunc());
        let int = format!("0{}{int}", "0".repeat(k.saturating_sub(int.len())));
        let (keep, drop) = int.split_at(int.len() - k);
        let half = format!("5{}", "0".repeat(k - 1));
        let odd = keep.as_bytes().last().is_some_and(|d| d % 2 == 1);
        let up = match drop.cmp(half.as_str()) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => x.fract() != 0.0 || odd,
        };
        let mut digits = keep.as_bytes().to_vec();
        if up {
            // Decimal increment with carry; the leading zero added above absorbs a carry out.
            for d in digits.iter_mut().rev() {
                if *d == b'9' {
                    *d = b'0';
                } else {
                    *d += 1;
                    break;
                }
            }
        }
        let sign = if x.is_sign_negative() { "-" } else { "" };
        format!("{sign}{}e{k}", String::from_utf8_lossy(&digits))
    };
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err("OverflowError: rounded value too large to represent".into()),
    }
}

/// `a % b` of floats: the result takes the divisor's sign, as CPython's `float_rem`. The caller raises
/// `ZeroDivisionError: float modulo` for `b == 0`.
#[inline]
pub fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m == 0.0 {
        0.0f64.copysign(b)
    } else if (b < 0.0) != (m < 0.0) {
        m + b
    } else {
        m
    }
}

/// `a // b` of floats, as CPython's `float_floor_div` (the quotient snapped to the integer consistent with
/// [`float_mod`]). The caller raises `ZeroDivisionError: float floor division by zero` for `b == 0`.
#[inline]
pub fn float_floordiv(a: f64, b: f64) -> f64 {
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && (b < 0.0) != (m < 0.0) {
        div -= 1.0;
    }
    if div == 0.0 {
        return 0.0f64.copysign(a / b);
    }
    let floor = div.floor();
    if div - floor > 0.5 {
        floor + 1.0
    } else {
        floor
    }
}

/// `a // b` of ints, rounding toward negative infinity; `None` for `b == 0` (`ZeroDivisionError: integer division
/// or modulo by zero`) and for `i64::MIN // -1`, which needs a 65-bit int.
#[inline]
pub fn int_floordiv(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    Some(if a % b != 0 && (a < 0) != (b < 0) { q - 1 } else { q })
}

/// `a % b` of ints, with the divisor's sign; `None` for `b == 0` (`ZeroDivisionError: integer modulo by zero`).
#[inline]
pub fn int_mod(a: i64, b: i64) -> Option<i64> {
    let r = a.checked_rem(b).or((b == -1).then_some(0))?;
    Some(if r != 0 && (r < 0) != (b < 0) { r + b } else { r })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Generated by python3: [(bits, repr(float.fromhex...))]
    const REPR_CASES: &[(u64, &str)] = &[
        (0x3abef2d0f5da7dd9, "1e-25"),
        (0x3af357c299a88ea7, "1e-24"),
        (0x3b282db34012b251, "1e-23"),
        (0x3b5e392010175ee6, "1e-22"),
        (0x3b92e3b40a0e9b4f, "1e-21"),
        (0x3bc79ca10c924223, "1e-20"),
        (0x3bfd83c94fb6d2ac, "1e-19"),
        (0x3c32725dd1d243ac, "1e-18"),
        (0x3c670ef54646d497, "1e-17"),
        (0x3c9cd2b297d889bc, "1e-16"),
        (0x3cd203af9ee75616, "1e-15"),
        (0x3d06849b86a12b9b, "1e-14"),
        (0x3d3c25c268497682, "1e-13"),
        (0x3d719799812dea11, "1e-12"),
        (0x3da5fd7fe1796495, "1e-11"),
        (0x3ddb7cdfd9d7bdbb, "1e-10"),
        (0x3e112e0be826d695, "1e-09"),
        (0x3e45798ee2308c3a, "1e-08"),
        (0x3e7ad7f29abcaf48, "1e-07"),
        (0x3eb0c6f7a0b5ed8d, "1e-06"),
        (0x3ee4f8b588e368f1, "1e-05"),
        (0x3f1a36e2eb1c432d, "0.0001"),
        (0x3f50624dd2f1a9fc, "0.001"),
        (0x3f847ae147ae147b, "0.01"),
        (0x3fb999999999999a, "0.1"),
        (0x3ff0000000000000, "1.0"),
        (0x4024000000000000, "10.0"),
        (0x4059000000000000, "100.0"),
        (0x408f400000000000, "1000.0"),
        (0x40c3880000000000, "10000.0"),
        (0x40f86a0000000000, "100000.0"),
        (0x412e848000000000, "1000000.0"),
        (0x416312d000000000, "10000000.0"),
        (0x4197d78400000000, "100000000.0"),
        (0x41cdcd6500000000, "1000000000.0"),
        (0x4202a05f20000000, "10000000000.0"),
        (0x42374876e8000000, "100000000000.0"),
        (0x426d1a94a2000000, "1000000000000.0"),
        (0x42a2309ce5400000, "10000000000000.0"),
        (0x42d6bcc41e900000, "100000000000000.0"),
        (0x430c6bf526340000, "1000000000000000.0"),
        (0x4341c37937e08000, "1e+16"),
        (0x4376345785d8a000, "1e+17"),
        (0x43abc16d674ec800, "1e+18"),
        (0x43e158e460913d00, "1e+19"),
        (0x4415af1d78b58c40, "1e+20"),
        (0x444b1ae4d6e2ef50, "1e+21"),
        (0x4480f0cf064dd592, "1e+22"),
        (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
        (0x44ea784379d99db4, "1e+24"),
        (0x45208b2a2c280291, "1e+25"),
        (0x3fd3333333333334, "0.30000000000000004"),
        (0x3fd5555555555555, "0.3333333333333333"),
        (0x3fe5555555555555, "0.6666666666666666"),
        (0x4341c37937e08000, "1e+16"),
        (0x3ee4f8b588e368f1, "1e-05"),
        (0x3eef75104d551d69, "1.5e-05"),
        (0x419d6f34547df3b6, "123456789.123"),
        (0x0000000000000001, "5e-324"),
        (0x00000000000007e8, "1e-320"),
        (0x0010000000000000, "2.2250738585072014e-308"),
        (0x000fffffffffffff, "2.225073858507201e-308"),
        (0x7feffffffffff636, "1.7976931348618158e+308"),
        (0x8000000000000000, "-0.0"),
        (0x0000000000000000, "0.0"),
        (0x3ff0000000000000, "1.0"),
        (0xbff0000000000000, "-1.0"),
        (0x3fe0000000000000, "0.5"),
        (0x4059000000000000, "100.0"),
        (0x430c6bf526340000, "1000000000000000.0"),
        (0x4341c37937e07fff, "9999999999999998.0"),
        (0x437b69b4ba630f35, "1.2345678901234568e+17"),
        (0x4351c37937e08002, "2.000000000000001e+16"),
        (0x3f1a36e2eb1c432d, "0.0001"),
        (0x3ee4f8b588e368f1, "1e-05"),
        (0x3f202e4b6ce5dc68, "0.00012345"),
        (0x40934a456d5cfaad, "1234.5678"),
        (0xc0934a456d5cfaad, "-1234.5678"),
        (0x400921fb54442d18, "3.141592653589793"),
        (0x4005bf0a8b145769, "2.718281828459045"),
        (0x3ff199999999999a, "1.1"),
        (0x4005666666666666, "2.675"),
        (0x3fc0000000000000, "0.125"),
        (0x7ff0000000000000, "inf"),
        (0xfff0000000000000, "-inf"),
        (0x7ff8000000000000, "nan"),
        (0x4011666666666666, "4.35"),
        (0x3fd3333333333333, "0.3"),
        (0x54b249ad2594c37d, "1e+100"),
        (0x2b3137d151ae61e9, "1.23e-100"),
        (0x43e56a95319d63e1, "1.2345678901234567e+19"),
        (0x430c6bf52633ffff, "999999999999999.9"),
        (0x4340000000000000, "9007199254740992.0"),
        (0x432c6bf526340001, "4000000000000000.5"),
        (0x444b1ae4d6e2ef50, "1e+21"),
        (0x4480f0cf064dd592, "1e+22"),
        (0x44b52d02c7e14af6, "1e+23"),
        (0x0000000000000003, "1.5e-323"),
        (0x3fd3333333333334, "0.30000000000000004"),
        (0x4040aaaaaaaaaaab, "33.333333333333336"),
        (0x3fc2492492492492, "0.14285714285714285"),
        (0x3ff6a09e667f3bcd, "1.4142135623730951"),
        (0xbe90c6f7a0b5ed8d, "-2.5e-07"),
        (0x3f46f0068db8bac7, "0.0007"),
        (0x430e1c6d958d7b72, "1059438285926254.2"),
    ];
    // Generated by python3: (value, spec, format(value, spec) or "Kind: message").
    const INT_SPECS: &[(i64, &str, &str)] = &[
        (0, "", "0"),
        (42, "", "42"),
        (-42, "", "-42"),
        (42, "5", "   42"),
        (42, "<5", "42   "),
        (42, "^6", "  42  "),
        (42, "*^7", "**42***"),
        (-42, "=6", "-   42"),
        (-42, "06", "-00042"),
        (42, "+", "+42"),
        (42, " ", " 42"),
        (-42, " ", "-42"),
        (1234567, ",", "1,234,567"),
        (1234567, "_", "1_234_567"),
        (-1234567, "012,", "-001,234,567"),
        (1234, "08,", "0,001,234"),
        (1234, "09,", "0,001,234"),
        (1234, "0=10_", "00_001_234"),
        (255, "x", "ff"),
        (255, "#x", "0xff"),
        (255, "#X", "0XFF"),
        (255, "#010x", "0x000000ff"),
        (-255, "#010b", "-0b11111111"),
        (8, "o", "10"),
        (8, "#o", "0o10"),
        (12345678, "_x", "bc_614e"),
        (12345678, "#012_x", "0x0_00bc_614e"),
        (5, "b", "101"),
        (5, "#b", "0b101"),
        (65, "c", "A"),
        (128512, "c", "😀"),
        (65, ">5c", "    A"),
        (65, "05c", "0000A"),
        (-1, "c", "OverflowError: %c arg not in range(0x110000)"),
        (65, "+c", "ValueError: Sign not allowed with integer format specifier 'c'"),
        (65, "#c", "ValueError: Alternate form (#) not allowed with integer format specifier 'c'"),
        (42, "n", "42"),
        (42, ".2", "ValueError: Precision not allowed in integer format specifier"),
        (42, "z", "ValueError: Negative zero coercion (z) not allowed in integer format specifier"),
        (42, "s", "ValueError: Unknown format code 's' for object of type 'int'"),
        (42, "abc", "ValueError: Invalid format specifier 'abc' for object of type 'int'"),
        (42, ",x", "ValueError: Cannot specify ',' with 'x'."),
        (42, ",c", "ValueError: Cannot specify ',' with 'c'."),
        (42, ",n", "ValueError: Cannot specify ',' with 'n'."),
        (42, ",,", "ValueError: Cannot specify ',' with ','."),
        (42, ",_", "ValueError: Cannot specify both ',' and '_'."),
        (42, "_,", "ValueError: Cannot specify both ',' and '_'."),
        (5, ".2f", "5.00"),
        (5, "e", "5.000000e+00"),
        (5, "%", "500.000000%"),
        (5, "g", "5"),
        (-5, "z.1f", "-5.0"),
        (12345, ".3g", "1.23e+04"),
        (42, ".", "ValueError: Format specifier missing precision"),
        (9223372036854775807, ",", "9,223,372,036,854,775,807"),
        (i64::MIN, "", "-9223372036854775808"),
        (i64::MIN, "#x", "-0x8000000000000000"),
        (42, "99999999999999999999", "ValueError: Too many decimal digits in format string"),
        (42, "é^9,", "ééé42éééé"),
        (42, "x<", "42"),
        (42, "0<5", "42000"),
        (42, "<05", "42000"),
        (0, "#x", "0x0"),
        (0, "+", "+0"),
        (1000000, "_d", "1_000_000"),
        (-1, "x", "-1"),
        (42, "\u{1}", "ValueError: Unknown format code '\\x1' for object of type 'int'"),
        (42, "%z", "ValueError: Invalid format specifier '%z' for object of type 'int'"),
        (42, "E", "4.200000E+01"),
        (42, "10.3%", " 4200.000%"),
        (1000000000000000, "e", "1.000000e+15"),
        (42, "=+8", "+     42"),
        (42, "^+8", "  +42   "),
        (1234, "_o", "2322"),
        (12345, "_b", "11_0000_0011_1001"),
        (3, "-", "3"),
        (-3, "-", "-3"),
        (123, "020_", "0_000_000_000_000_123"),
    ];
    const FLOAT_SPECS: &[(u64, &str, &str)] = &[
        (0x3ff0000000000000, "", "1.0"),
        (0x3ff0000000000000, ".3", "1.0"),
        (0x40934a0000000000, ".2", "1.2e+03"),
        (0x40934a0000000000, ".4", "1.234e+03"),
        (0x4341c37937e08000, "", "1e+16"),
        (0x4341c37937e08000, ".20", "10000000000000000.0"),
        (0x3fb999999999999a, "", "0.1"),
        (0x4005666666666666, ".2f", "2.67"),
        (0x3fc0000000000000, ".2f", "0.12"),
        (0x3fd8000000000000, ".2f", "0.38"),
        (0x4004000000000000, ".0f", "2"),
        (0x400c000000000000, ".0f", "4"),
        (0x4480f0cf064dd592, "f", "10000000000000000000000.000000"),
        (0x4480f0cf064dd592, "", "1e+22"),
        (0x4480f0cf064dd592, "g", "1e+22"),
        (0x3e7ad7f29abcaf48, "g", "1e-07"),
        (0x3e7ad7f29abcaf48, "", "1e-07"),
        (0x3e7ad7f29abcaf48, ".3", "1e-07"),
        (0x8000000000000000, "", "-0.0"),
        (0x8000000000000000, "z", "0.0"),
        (0x8000000000000000, "+", "-0.0"),
        (0xbf1a36e2eb1c432d, "z.2f", "0.00"),
        (0xbf1a36e2eb1c432d, ".2f", "-0.00"),
        (0x7ff8000000000000, "", "nan"),
        (0x7ff8000000000000, "+", "+nan"),
        (0xfff8000000000000, "", "nan"),
        (0x7ff0000000000000, "10", "       inf"),
        (0xfff0000000000000, "<10", "-inf      "),
        (0x7ff0000000000000, "010", "0000000inf"),
        (0x7ff0000000000000, "+F", "+INF"),
        (0x7ff8000000000000, "E", "NAN"),
        (0x7ff0000000000000, "%", "inf%"),
        (0x7ff0000000000000, "010,", "0000000inf"),
        (0x405edd2f1a9fbe77, "g", "123.456"),
        (0x405edd2f1a9fbe77, "#g", "123.456"),
        (0x4059000000000000, "g", "100"),
        (0x4059000000000000, "#g", "100.000"),
        (0x4059000000000000, "#.0f", "100."),
        (0x4059000000000000, ".0f", "100"),
        (0x54b249ad2594c37d, "g", "1e+100"),
        (0x2b2bff2ee48e0530, "e", "1.000000e-100"),
        (0x0000000000000000, "e", "0.000000e+00"),
        (0x0000000000000000, "g", "0"),
        (0x0000000000000000, "#g", "0.00000"),
        (0x0000000000000000, ".0e", "0e+00"),
        (0x0000000000000000, "#.0e", "0.e+00"),
        (0x40c81cd6c8b43958, ",", "12,345.678"),
        (0x40c81cd6c8b43958, ",.2f", "12,345.68"),
        (0x40c81cd6c8b43958, "_.1f", "12_345.7"),
        (0xc0c81cd6c8b43958, "015,.2f", "-000,012,345.68"),
        (0x40c81cd6c8b43958, "015_.2e", "0_000_001.23e+04"),
        (0x3fe0000000000000, "%", "50.000000%"),
        (0x3fc0000000000000, ".1%", "12.5%"),
        (0x3f8930be0ded288d, ".2%", "1.23%"),
        (0xbfd0000000000000, "08.1%", "-0025.0%"),
        (0x3ff8000000000000, "n", "1.5"),
        (0x4132d68700000000, "n", "1.23457e+06"),
        (0x3ff8000000000000, "d", "ValueError: Unknown format code 'd' for object of type 'float'"),
        (0x3ff8000000000000, "c", "ValueError: Unknown format code 'c' for object of type 'float'"),
        (0x3ff8000000000000, "x", "ValueError: Unknown format code 'x' for object of type 'float'"),
        (0x3ff8000000000000, "s", "ValueError: Unknown format code 's' for object of type 'float'"),
        (0x3ff8000000000000, "z d", "ValueError: Invalid format specifier 'z d' for object of type 'float'"),
        (0x3ff8000000000000, ".", "ValueError: Format specifier missing precision"),
        (0x3ff8000000000000, "#", "1.5"),
        (0x4341c37937e08000, "#", "1.e+16"),
        (0x3ff8000000000000, "10.3e", " 1.500e+00"),
        (0x3ff8000000000000, "<10.3E", "1.500E+00 "),
        (0x3ff8000000000000, "^10", "   1.5    "),
        (0x3ff8000000000000, "*>+10.2f", "*****+1.50"),
        (0x3ff8000000000000, "=+10.2f", "+     1.50"),
        (0xbff8000000000000, "010.2f", "-000001.50"),
        (0x40934a0000000000, "010,", "0,001,234.5"),
        (0x40934a0000000000, "09,.1f", "001,234.5"),
        (0x3f1a36e2eb1c432d, "", "0.0001"),
        (0x3ee4f8b588e368f1, "", "1e-05"),
        (0x419d6f34547df3b6, ".12", "123456789.123"),
        (0x419d6f34547df3b6, ".1", "1e+08"),
        (0x4023000000000000, ".0", "1e+01"),
        (0x4023000000000000, ".1", "1e+01"),
        (0x3fee666666666666, ".1", "0.9"),
        (0x4058e00000000000, ".2", "1e+02"),
        (0x4058e00000000000, ".2g", "1e+02"),
        (0x4058e00000000000, ".3g", "99.5"),
        (0x430c6bf526340000, "", "1000000000000000.0"),
        (0x430c6bf526340000, ".16", "1e+15"),
        (0x3ee4f8b588e368f1, ".1", "1e-05"),
        (0x3ee9e409301b5a02, ".3", "1.23e-05"),
        (0x0000000000000001, "", "5e-324"),
        (0x0000000000000001, ".3e", "4.941e-324"),
        (0x4630000000000000, "f", "1267650600228229401496703205376.000000"),
        (0x4630000000000000, ",.0f", "1,267,650,600,228,229,401,496,703,205,376"),
        (0x3fb999999999999a, ".30f", "0.100000000000000005551115123126"),
        (0x3fb999999999999a, ".17g", "0.10000000000000001"),
        (0x4000000000000000, ".0e", "2e+00"),
        (0x4000000000000000, "#.0e", "2.e+00"),
        (0x3ff0000000000000, ".0%", "100%"),
        (0x3ff0000000000000, "#.0%", "100.%"),
        (0x3fd3333333333334, ".17", "0.30000000000000004"),
        (0x3fd5555555555555, ".5", "0.33333"),
        (0x3fd5555555555555, ".5g", "0.33333"),
        (0xbfd5555555555555, " .3f", "-0.333"),
        (0x3fd5555555555555, " .3f", " 0.333"),
        (0x3ff8000000000000, ".2z", "ValueError: Unknown format code 'z' for object of type 'float'"),
        (0x3ff8000000000000, "z.2f", "1.50"),
        (0xbf70624dd2f1a9fc, "z.2f", "0.00"),
        (0xbf747ae147ae147b, "z.2f", "-0.01"),
        (0xbf789374bc6a7efa, "z.2f", "-0.01"),
        (0x8000000000000000, "z.0e", "0e+00"),
        (0xbddb7cdfd9d7bdbb, "z.2%", "0.00%"),
        (0x3ff8000000000000, "\u{1}", "ValueError: Unknown format code '\\x1' for object of type 'float'"),
        (0x3ff8000000000000, ",n", "ValueError: Cannot specify ',' with 'n'."),
        (0x3ff8000000000000, "_g", "1.5"),
        (0x412e848000000000, "_", "1_000_000.0"),
        (0x4340000000000000, ",", "9,007,199,254,740,992.0"),
        (0x3ff0000000000000, ".3f", "1.000"),
    ];
    const STR_SPECS: &[(&str, &str, &str)] = &[
        ("abc", "", "abc"),
        ("abc", "5", "abc  "),
        ("abc", ">5", "  abc"),
        ("abc", "^6", " abc  "),
        ("abc", "*^7", "**abc**"),
        ("abc", ".2", "ab"),
        ("abc", "5.1", "a    "),
        ("abc", "05", "abc00"),
        ("abc", "=5", "ValueError: '=' alignment not allowed in string format specifier"),
        ("abc", "+", "ValueError: Sign not allowed in string format specifier"),
        ("abc", " ", "ValueError: Space not allowed in string format specifier"),
        ("abc", "#", "ValueError: Alternate form (#) not allowed in string format specifier"),
        ("abc", "z", "ValueError: Negative zero coercion (z) not allowed in string format specifier"),
        ("abc", ",", "ValueError: Cannot specify ',' with 's'."),
        ("abc", "d", "ValueError: Unknown format code 'd' for object of type 'str'"),
        ("abc", "s", "abc"),
        ("abc", "x<5s", "abcxx"),
        ("çğış", "^8", "  çğış  "),
        ("😀ab", ".2", "😀a"),
        ("😀", "é>3", "éé😀"),
        ("", "", ""),
        ("", "3", "   "),
        ("abc", "<<5", "abc<<"),
        ("abc", ".", "ValueError: Format specifier missing precision"),
        ("abc", ".0", ""),
        ("ab", ">", "ab"),
    ];
    // Generated by python3: (format, args, format % args or "Kind: message"); `true` for a dict argument,
    // {x: 2.25, y: "s", "a(b)": 1}.
    const PERCENT_CASES: &[(&str, &[A], bool, &str)] = &[
        ("%d", &[A::I(42)], false, "42"),
        ("%5d", &[A::I(-42)], false, "  -42"),
        ("%-5d|", &[A::I(42)], false, "42   |"),
        ("%05d", &[A::I(-42)], false, "-0042"),
        ("%+d", &[A::I(42)], false, "+42"),
        ("% d", &[A::I(42)], false, " 42"),
        ("%.3d", &[A::I(5)], false, "005"),
        ("%+.3d", &[A::I(5)], false, "+005"),
        ("% 05d", &[A::I(-5)], false, "-0005"),
        ("%-05d", &[A::I(3)], false, "3    "),
        ("%x", &[A::I(255)], false, "ff"),
        ("%#x", &[A::I(255)], false, "0xff"),
        ("%#X", &[A::I(255)], false, "0XFF"),
        ("%#x", &[A::I(-255)], false, "-0xff"),
        ("%#.3x", &[A::I(5)], false, "0x005"),
        ("%#05x", &[A::I(8)], false, "0x008"),
        ("%#5o", &[A::I(8)], false, " 0o10"),
        ("%o", &[A::I(8)], false, "10"),
        ("%c", &[A::I(65)], false, "A"),
        ("%5c", &[A::I(65)], false, "    A"),
        ("%-05c", &[A::I(65)], false, "A    "),
        ("%c", &[A::S("x")], false, "x"),
        ("%5c", &[A::S("x")], false, "    x"),
        ("%c", &[A::I(-1)], false, "OverflowError: %c arg not in range(0x110000)"),
        ("%i|%u", &[A::I(1), A::I(2)], false, "1|2"),
        ("%hd|%ld|%Ld", &[A::I(3), A::I(4), A::I(5)], false, "3|4|5"),
        ("%f", &[A::F(f64::from_bits(0x3ff8000000000000))], false, "1.500000"),
        ("%.2f", &[A::F(f64::from_bits(0x4005666666666666))], false, "2.67"),
        ("%.2f", &[A::F(f64::from_bits(0x3fc0000000000000))], false, "0.12"),
        ("%.0f", &[A::F(f64::from_bits(0x4004000000000000))], false, "2"),
        ("%#.0f", &[A::F(f64::from_bits(0x4004000000000000))], false, "2."),
        ("%e", &[A::F(f64::from_bits(0x40c81cd6c8b43958))], false, "1.234568e+04"),
        ("%.0e", &[A::I(12345)], false, "1e+04"),
        ("%#.0e", &[A::I(12345)], false, "1.e+04"),
        ("%E", &[A::F(f64::from_bits(0x3ddb7cdfd9d7bdbb))], false, "1.000000E-10"),
        ("%g", &[A::F(f64::from_bits(0x3e7ad7f29abcaf48))], false, "1e-07"),
        ("%g", &[A::F(f64::from_bits(0x419d6f3454000000))], false, "1.23457e+08"),
        ("%#g", &[A::F(f64::from_bits(0x3ff0000000000000))], false, "1.00000"),
        ("%G", &[A::F(f64::from_bits(0x3ddb7cdfd9d7bdbb))], false, "1E-10"),
        ("%10.3f", &[A::F(f64::from_bits(0xc00921f9f01b866e))], false, "    -3.142"),
        ("%-10.3f|", &[A::F(f64::from_bits(0x400921f9f01b866e))], false, "3.142     |"),
        ("%010.3f", &[A::F(f64::from_bits(0xc00921f9f01b866e))], false, "-00003.142"),
        ("%+.1f", &[A::F(f64::from_bits(0x0000000000000000))], false, "+0.0"),
        ("%f", &[A::F(f64::from_bits(0x8000000000000000))], false, "-0.000000"),
        ("%05f", &[A::F(f64::from_bits(0x7ff0000000000000))], false, "00inf"),
        ("%-6f|", &[A::F(f64::from_bits(0xfff0000000000000))], false, "-inf  |"),
        ("%+f", &[A::F(f64::from_bits(0x7ff8000000000000))], false, "+nan"),
        ("%F", &[A::F(f64::from_bits(0x7ff0000000000000))], false, "INF"),
        ("%d", &[A::F(f64::from_bits(0x400d99999999999a))], false, "3"),
        ("%d", &[A::F(f64::from_bits(0xc00d99999999999a))], false, "-3"),
        ("%d", &[A::F(f64::from_bits(0xbfe0000000000000))], false, "0"),
        ("%5.3d", &[A::F(f64::from_bits(0x400d99999999999a))], false, "  003"),
        ("%d", &[A::F(f64::from_bits(0x4415af1d78b58c40))], false, "100000000000000000000"),
        (
            "%d",
            &[A::F(f64::from_bits(0x7ff0000000000000))],
            false,
            "OverflowError: cannot convert float infinity to integer",
        ),
        ("%d", &[A::F(f64::from_bits(0x7ff8000000000000))], false, "ValueError: cannot convert float NaN to integer"),
        (
            "%x",
            &[A::F(f64::from_bits(0x400c000000000000))],
            false,
            "TypeError: %x format: an integer is required, not float",
        ),
        ("%c", &[A::F(f64::from_bits(0x400c000000000000))], false, "TypeError: %c requires int or char"),
        ("%f", &[A::I(5)], false, "5.000000"),
        ("%e", &[A::I(5)], false, "5.000000e+00"),
        ("%s", &[A::S("abc")], false, "abc"),
        ("%5s", &[A::S("abc")], false, "  abc"),
        ("%-5s|", &[A::S("abc")], false, "abc  |"),
        ("%.2s", &[A::S("abc")], false, "ab"),
        ("%5.1s", &[A::S("abc")], false, "    a"),
        ("%05s", &[A::S("ab")], false, "   ab"),
        ("%*d", &[A::I(5), A::I(42)], false, "   42"),
        ("%*d", &[A::I(-5), A::I(42)], false, "42   "),
        ("%.*f", &[A::I(2), A::F(f64::from_bits(0x400921f9f01b866e))], false, "3.14"),
        ("%.*f", &[A::I(-3), A::F(f64::from_bits(0x3ff8000000000000))], false, "2"),
        ("%*.*f", &[A::I(8), A::I(2), A::F(f64::from_bits(0x400921f9f01b866e))], false, "    3.14"),
        ("%-*s|", &[A::I(4), A::S("a")], false, "a   |"),
        ("%%", &[], false, "%"),
        ("100%% %d", &[A::I(5)], false, "100% 5"),
        ("%d %y", &[A::I(1), A::I(2)], false, "ValueError: unsupported format character 'y' (0x79) at index 4"),
        ("%d %", &[A::I(1)], false, "ValueError: incomplete format"),
        ("%5%", &[A::I(1)], false, "ValueError: unsupported format character '%' (0x25) at index 2"),
        ("%.", &[A::I(1)], false, "ValueError: incomplete format"),
        ("%s %é", &[A::I(1), A::I(2)], false, "ValueError: unsupported format character '?' (0xe9) at index 4"),
        ("%s %\u{1}", &[A::I(1), A::I(2)], false, "ValueError: unsupported format character '?' (0x1) at index 4"),
        ("%(a", &[], true, "ValueError: incomplete format key"),
        ("%-", &[A::I(1)], false, "ValueError: incomplete format"),
        ("%(x)d", &[], true, "2"),
        ("a%(x)5.1fb%(y)s", &[], true, "a  2.2bs"),
        ("%(a(b))s", &[], true, "1"),
        ("%d", &[A::S("a")], false, "TypeError: %d format: a real number is required, not str"),
        ("%x", &[A::S("a")], false, "TypeError: %x format: an integer is required, not str"),
        ("%e", &[A::S("a")], false, "TypeError: must be real number, not str"),
        ("%c", &[A::S("ab")], false, "TypeError: %c requires int or char"),
        ("%.3r", &[A::S("abc")], false, "'ab"),
        ("%r", &[A::S("abc")], false, "'abc'"),
        ("%.1e", &[A::F(f64::from_bits(0x4023eb851eb851ec))], false, "1.0e+01"),
        ("%.3g", &[A::F(f64::from_bits(0x3f202c9dedbc309d))], false, "0.000123"),
        ("%s", &[A::F(f64::from_bits(0x3ff8000000000000))], false, "1.5"),
        ("%s", &[A::I(5)], false, "5"),
        ("%#o", &[A::I(0)], false, "0o0"),
        ("%#x", &[A::I(0)], false, "0x0"),
        ("%.0d", &[A::I(0)], false, "0"),
        ("%#.0o", &[A::I(0)], false, "0o0"),
        ("%+x", &[A::I(10)], false, "+a"),
        ("% o", &[A::I(8)], false, " 10"),
    ];
    const REPR_STR: &[(&str, &str)] = &[
        ("", "''"),
        ("abc", "'abc'"),
        ("it's", "\"it's\""),
        ("say \"hi\"", "'say \"hi\"'"),
        ("both ' and \"", "'both \\' and \"'"),
        ("tab\u{9}here", "'tab\\there'"),
        ("nl\u{a}r\u{d}", "'nl\\nr\\r'"),
        ("back\\slash", "'back\\\\slash'"),
        ("\u{0}\u{7}\u{1f}\u{7f}", "'\\x00\\x07\\x1f\\x7f'"),
        ("\u{80}\u{9f}\u{a0}\u{ad}", "'\\x80\\x9f\\xa0\\xad'"),
        ("çğışöüé", "'çğışöüé'"),
        ("İstanbul", "'İstanbul'"),
        ("😀🎉", "'😀🎉'"),
        ("\u{200b}\u{2028}\u{2029}\u{feff}", "'\\u200b\\u2028\\u2029\\ufeff'"),
        ("\u{e000}\u{f0000}", "'\\ue000\\U000f0000'"),
        ("\u{378}\u{e0001}", "'\\u0378\\U000e0001'"),
        ("à", "'à'"),
        ("\u{3000} \u{a0}", "'\\u3000 \\xa0'"),
        ("🧿🬀", "'🧿🬀'"),
        ("\u{61c}\u{180e}", "'\\u061c\\u180e'"),
        ("Ω≈ç√∫", "'Ω≈ç√∫'"),
        ("𐀀𝐀", "'𐀀𝐀'"),
        ("'\"", "'\\'\"'"),
        ("�\u{fffe}\u{ffff}", "'�\\ufffe\\uffff'"),
        ("\u{10ffff}", "'\\U0010ffff'"),
        ("é'", "\"é'\""),
        ("\u{1b}[0m", "'\\x1b[0m'"),
    ];
    const PARSE_INT: &[(&str, u32, &str)] = &[
        ("42", 10, "42"),
        ("  42 ", 10, "42"),
        ("-7", 10, "-7"),
        ("+7", 10, "7"),
        ("1_000", 10, "1000"),
        ("1__000", 10, "ValueError: invalid literal for int() with base 10: '1__000'"),
        ("_1", 10, "ValueError: invalid literal for int() with base 10: '_1'"),
        ("1_", 10, "ValueError: invalid literal for int() with base 10: '1_'"),
        ("ff", 16, "255"),
        ("FF", 16, "255"),
        ("0x1f", 0, "31"),
        ("0x1f", 16, "31"),
        ("0X1F", 0, "31"),
        ("0o17", 0, "15"),
        ("0b101", 0, "5"),
        ("0b101", 2, "5"),
        ("0x_1f", 0, "31"),
        ("0x", 0, "ValueError: invalid literal for int() with base 0: '0x'"),
        ("010", 0, "ValueError: invalid literal for int() with base 0: '010'"),
        ("00", 0, "0"),
        ("0_0", 0, "0"),
        ("0", 0, "0"),
        ("abc", 10, "ValueError: invalid literal for int() with base 10: 'abc'"),
        ("", 10, "ValueError: invalid literal for int() with base 10: ''"),
        ("  ", 10, "ValueError: invalid literal for int() with base 10: '  '"),
        ("1.5", 10, "ValueError: invalid literal for int() with base 10: '1.5'"),
        ("z", 36, "35"),
        ("Z", 36, "35"),
        ("12", 1, "ValueError: int() base must be >= 2 and <= 36, or 0"),
        ("12", 37, "ValueError: int() base must be >= 2 and <= 36, or 0"),
        ("9223372036854775807", 10, "9223372036854775807"),
        ("-9223372036854775808", 10, "-9223372036854775808"),
        ("9223372036854775808", 10, "Overflow"),
        ("-", 10, "ValueError: invalid literal for int() with base 10: '-'"),
        ("+-1", 10, "ValueError: invalid literal for int() with base 10: '+-1'"),
        ("\u{9}\u{a} 5\u{1c}", 10, "ValueError: invalid literal for int() with base 10: '\\t\\n 5\\x1c'"),
        ("0x1f", 10, "ValueError: invalid literal for int() with base 10: '0x1f'"),
        ("101", 2, "5"),
        ("102", 2, "ValueError: invalid literal for int() with base 2: '102'"),
        ("١٢", 10, "12"),
        ("1 2", 10, "ValueError: invalid literal for int() with base 10: '1 2'"),
        ("0b", 2, "ValueError: invalid literal for int() with base 2: '0b'"),
        ("0b1", 16, "177"),
    ];
    const PARSE_FLOAT: &[(&str, &str)] = &[
        (" 1.5 ", "0x3ff8000000000000"),
        ("inf", "0x7ff0000000000000"),
        ("-Infinity", "0xfff0000000000000"),
        ("nan", "0x7ff8000000000000"),
        ("NaN", "0x7ff8000000000000"),
        ("-nan", "0xfff8000000000000"),
        ("1e3", "0x408f400000000000"),
        ("1_0.5", "0x4025000000000000"),
        ("1__0", "ValueError: could not convert string to float: '1__0'"),
        ("_1", "ValueError: could not convert string to float: '_1'"),
        ("1_", "ValueError: could not convert string to float: '1_'"),
        ("1._5", "ValueError: could not convert string to float: '1._5'"),
        ("1.5e1_0", "0x420bf08eb0000000"),
        ("x", "ValueError: could not convert string to float: 'x'"),
        ("", "ValueError: could not convert string to float: ''"),
        (".5", "0x3fe0000000000000"),
        ("5.", "0x4014000000000000"),
        (".", "ValueError: could not convert string to float: '.'"),
        ("e5", "ValueError: could not convert string to float: 'e5'"),
        ("1e", "ValueError: could not convert string to float: '1e'"),
        ("+1.5", "0x3ff8000000000000"),
        ("-.5e-3", "0xbf40624dd2f1a9fc"),
        ("1e500", "0x7ff0000000000000"),
        ("-1e500", "0xfff0000000000000"),
        ("0x10", "ValueError: could not convert string to float: '0x10'"),
        ("1,5", "ValueError: could not convert string to float: '1,5'"),
        ("INFINITY", "0x7ff0000000000000"),
        ("infinit", "ValueError: could not convert string to float: 'infinit'"),
        ("1.7976931348623157e308", "0x7fefffffffffffff"),
        ("4.9e-324", "0x0000000000000001"),
        ("2.4e-324", "0x0000000000000000"),
        ("0.1", "0x3fb999999999999a"),
        ("  -0  ", "0x8000000000000000"),
        ("1e-5", "0x3ee4f8b588e368f1"),
        ("１２", "0x4028000000000000"),
    ];
    const ROUND_CASES: &[(u64, i32, &str)] = &[
        (0x4005666666666666, 2, "0x40055c28f5c28f5c"),
        (0x3fc0000000000000, 2, "0x3fbeb851eb851eb8"),
        (0x3fd8000000000000, 2, "0x3fd851eb851eb852"),
        (0x4004000000000000, 0, "0x4000000000000000"),
        (0x400c000000000000, 0, "0x4010000000000000"),
        (0xc004000000000000, 0, "0xc000000000000000"),
        (0x40934a456d5cfaad, -2, "0x4092c00000000000"),
        (0x4093880000000000, -2, "0x4092c00000000000"),
        (0x4095180000000000, -2, "0x4095e00000000000"),
        (0x409388001a36e2eb, -2, "0x4094500000000000"),
        (0xc093880000000000, -2, "0xc092c00000000000"),
        (0xc010000000000000, -1, "0x8000000000000000"),
        (0x3fe0000000000000, -1, "0x0000000000000000"),
        (0x4014000000000000, -1, "0x0000000000000000"),
        (0x402e000000000000, -1, "0x4034000000000000"),
        (0x4039000000000000, -1, "0x4034000000000000"),
        (0x4057c00000000000, -1, "0x4059000000000000"),
        (0x40f869f000000000, -3, "0x40f86a0000000000"),
        (0x7e37e43c8800759c, -300, "0x7e37e43c8800759c"),
        (0x7e41eb2d66005835, -300, "0x7e47e43c8800759c"),
        (0x7fefffffffffffff, -308, "OverflowError: rounded value too large to represent"),
        (0x00000000000007e8, 320, "0x00000000000007e8"),
        (0x3ff3c0c1fc8f3238, 3, "0x3ff3c28f5c28f5c3"),
        (0xbfd999999999999a, 0, "0x8000000000000000"),
        (0x4480f0cf064dd592, -22, "0x4480f0cf064dd592"),
        (0x44a52d02c7e14af6, -23, "0x0000000000000000"),
        (0x405edd2f1a9fbe77, -400, "0x0000000000000000"),
        (0xc05edd2f1a9fbe77, -400, "0x8000000000000000"),
        (0x3ff199999999999a, 400, "0x3ff199999999999a"),
        (0x7ff0000000000000, 2, "0x7ff0000000000000"),
        (0x7ff8000000000000, 2, "0x7ff8000000000000"),
        (0x3fb999999999999a, 1, "0x3fb999999999999a"),
        (0x3fa999999999999a, 1, "0x3fb999999999999a"),
        (0x3fc3333333333333, 1, "0x3fb999999999999a"),
        (0x3fd0000000000000, 1, "0x3fc999999999999a"),
        (0x3fd6666666666666, 1, "0x3fd3333333333333"),
        (0x3fd5555555555555, 10, "0x3fd55555554c2bb5"),
        (0x4450000000000000, -5, "0x4450000000000000"),
    ];
    const ROUND_INT: &[(u64, &str)] = &[
        (0x4004000000000000, "2"),
        (0x400c000000000000, "4"),
        (0xc004000000000000, "-2"),
        (0x3fe0000000000000, "0"),
        (0xbfe0000000000000, "0"),
        (0x3ff7ffffffffffff, "1"),
        (0x43abc16d674ec800, "1000000000000000000"),
        (0x43e02207973f6440, "Overflow"),
        (0xc3e0000000000000, "-9223372036854775808"),
        (0x7ff0000000000000, "OverflowError: cannot convert float infinity to integer"),
        (0xfff0000000000000, "OverflowError: cannot convert float infinity to integer"),
        (0x7ff8000000000000, "ValueError: cannot convert float NaN to integer"),
        (0x401c000000000000, "7"),
    ];
    const FLOAT_DIVMOD: &[(u64, u64, u64, u64)] = &[
        (0x401c000000000000, 0x4008000000000000, 0x4000000000000000, 0x3ff0000000000000),
        (0xc01c000000000000, 0x4008000000000000, 0xc008000000000000, 0x4000000000000000),
        (0x401c000000000000, 0xc008000000000000, 0xc008000000000000, 0xc000000000000000),
        (0xc01c000000000000, 0xc008000000000000, 0x4000000000000000, 0xbff0000000000000),
        (0x0000000000000000, 0xc008000000000000, 0x8000000000000000, 0x8000000000000000),
        (0x8000000000000000, 0x4008000000000000, 0x8000000000000000, 0x0000000000000000),
        (0x4016000000000000, 0x4000000000000000, 0x4000000000000000, 0x3ff8000000000000),
        (0xc016000000000000, 0x4000000000000000, 0xc008000000000000, 0x3fe0000000000000),
        (0x01a56e1fc2f8f359, 0xbff0000000000000, 0xbff0000000000000, 0xbff0000000000000),
        (0x3ff0000000000000, 0x3fb999999999999a, 0x4022000000000000, 0x3fb9999999999996),
        (0xbff0000000000000, 0x3fb999999999999a, 0xc024000000000000, 0x3c90000000000000),
        (0x4008000000000000, 0x7ff0000000000000, 0x0000000000000000, 0x4008000000000000),
        (0xc008000000000000, 0x7ff0000000000000, 0xbff0000000000000, 0x7ff0000000000000),
        (0x7fe1ccf385ebc8a0, 0x000730d67819e8d2, 0x7ff0000000000000, 0x00028401cf53d610),
        (0x3fd3333333333333, 0x3fb999999999999a, 0x4000000000000000, 0x3fb9999999999998),
        (0xbbc79ca10c924223, 0x3ff0000000000000, 0xbff0000000000000, 0x3ff0000000000000),
    ];
    const INT_DIVMOD: &[(i64, i64, Option<i64>, Option<i64>)] = &[
        (7, 3, Some(2), Some(1)),
        (-7, 3, Some(-3), Some(2)),
        (7, -3, Some(-3), Some(-2)),
        (-7, -3, Some(2), Some(-1)),
        (0, 5, Some(0), Some(0)),
        (-6, 3, Some(-2), Some(0)),
        (6, -3, Some(-2), Some(0)),
        (i64::MIN, -1, None, Some(0)),
        (i64::MIN, 1, Some(i64::MIN), Some(0)),
        (9223372036854775807, -2, Some(-4611686018427387904), Some(-1)),
        (i64::MIN, 7, Some(-1317624576693539402), Some(6)),
        (5, 0, None, None),
    ];

    fn flat(r: Result<String, String>) -> String {
        r.unwrap_or_else(|e| e)
    }

    #[test]
    fn a_float_prints_its_shortest_round_trip_digits() {
        for &(bits, want) in REPR_CASES {
            assert_eq!(float_repr(f64::from_bits(bits)), want, "{bits:#x}");
        }
    }

    #[test]
    fn an_int_formats_by_the_spec_mini_language() {
        for &(v, spec, want) in INT_SPECS {
            assert_eq!(flat(format_int(v, spec)), want, "format({v}, {spec:?})");
        }
    }

    #[test]
    fn a_float_formats_by_the_spec_mini_language() {
        for &(bits, spec, want) in FLOAT_SPECS {
            let x = f64::from_bits(bits);
            assert_eq!(flat(format_float(x, spec)), want, "format({x:?}, {spec:?})");
        }
    }

    #[test]
    fn a_str_formats_by_the_spec_mini_language() {
        for &(v, spec, want) in STR_SPECS {
            assert_eq!(flat(format_str(v, spec)), want, "format({v:?}, {spec:?})");
        }
    }

    #[test]
    fn a_huge_width_or_precision_is_refused_instead_of_allocated() {
        let too_many = "ValueError: Too many decimal digits in format string";
        assert_eq!(flat(format_int(1, "10001")), too_many);
        assert_eq!(flat(format_float(1.0, ".10001f")), too_many);
        assert_eq!(flat(format_str("a", "99999999999")), too_many);
        assert_eq!(format_float(1e308, ",.10000f").map(|s| s.len()), Ok(10412));
        assert_eq!(parse_percent("%10001d"), vec![PercentPiece::Error("ValueError: width too big".into())]);
        assert_eq!(parse_percent("%.10001d"), vec![PercentPiece::Error("ValueError: precision too big".into())]);
        assert!(PercentSpec::default().star_width(i64::MIN).is_err());
    }

    enum A {
        I(i64),
        F(f64),
        S(&'static str),
    }

    /// The interpreter's side of `%`, for plain ints, floats and strs.
    fn percent(fmt: &str, args: &[A], dict: bool) -> String {
        let (mut out, mut it) = (String::new(), args.iter());
        let short = || "TypeError: not enough arguments for format string".to_string();
        if !dict && fmt.contains("%(") {
            return "TypeError: format requires a mapping".into();
        }
        for piece in parse_percent(fmt) {
            let (width_star, precision_star, mut spec, key) = match piece {
                PercentPiece::Lit(s) => {
                    out += &s;
                    continue;
                }
                PercentPiece::Error(e) => return e,
                PercentPiece::Conv { key, width_star, precision_star, spec } => (width_star, precision_star, spec, key),
            };
            for (star, width) in [(width_star, true), (precision_star, false)] {
                if star {
                    let Some(A::I(n)) = it.next() else { return short() };
                    let r = if width { spec.star_width(*n) } else { spec.star_precision(*n) };
                    if let Err(e) = r {
                        return e;
                    }
                }
            }
            let v = match key.as_deref() {
                Some("x") => &A::F(2.25),
                Some("y") => &A::S("s"),
                Some(_) => &A::I(1),
                None => match it.next() {
                    Some(v) => v,
                    None => return short(),
                },
            };
            let r = match (spec.conv, v) {
                ('s', A::S(s)) => Ok(percent_str(s, &spec)),
                ('s', A::I(i)) => Ok(percent_str(&i.to_string(), &spec)),
                ('s', A::F(f)) => Ok(percent_str(&float_repr(*f), &spec)),
                ('r', A::S(s)) => Ok(percent_str(&str_repr(s), &spec)),
                ('c', A::S(s)) if s.chars().count() == 1 => Ok(percent_str(s, &spec)),
                (_, A::S(_)) => Err(spec.mismatch("str")),
                (_, A::I(i)) => percent_int(*i, &spec),
                (_, A::F(f)) => percent_float(*f, &spec),
            };
            match r {
                Ok(s) => out += &s,
                Err(e) => return e,
            }
        }
        if it.next().is_some() {
            return "TypeError: not all arguments converted during string formatting".into();
        }
        out
    }

    #[test]
    fn the_percent_operator_formats_as_printf_style_python() {
        for &(fmt, args, dict, want) in PERCENT_CASES {
            assert_eq!(percent(fmt, args, dict), want, "{fmt:?}");
        }
    }

    #[test]
    fn case_mapping_matches_std_for_every_char() {
        let (mut up, mut low) = (String::new(), String::new());
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            up.clear();
            low.clear();
            push_upper(&mut up, c);
            push_lower(&mut low, c);
            assert_eq!(up, c.to_uppercase().collect::<String>(), "upper {c:?}");
            if c != '\u{3a3}' {
                assert_eq!(low, c.to_lowercase().collect::<String>(), "lower {c:?}");
            }
            // Final_Sigma: what comes before and after a capital sigma, skipped or not, cased or not.
            for s in [format!("{c}\u{3a3}"), format!("A{c}\u{3a3}"), format!("A\u{3a3}{c}"), format!("A\u{3a3}{c}B")] {
                assert_eq!(lower(&s), s.to_lowercase(), "{s:?}");
            }
        }
        for s in ["ΟΔΥΣΣΕΥΣ", "Σ", "ΑΣ.", "a\u{3a3}\u{300}", "\u{3a3}\u{3a3}", "straße İstanbul ǅ ŉ ΐ"]
        {
            assert_eq!((upper(s), lower(s)), (s.to_uppercase(), s.to_lowercase()), "{s:?}");
        }
    }

    /// Prints the case tables as format.rs has them, from this Rust's std:
    /// `cargo test --lib print_case_tables -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn print_case_tables() {
        // Runs of chars `stride` apart whose single-char mapping moves them all by one delta, and the chars
        // mapped to several chars.
        // (start, count, delta, stride)
        type Run = (u32, u32, i32, u32);
        fn runs(map: fn(char) -> String) -> (Vec<Run>, Vec<(char, String)>) {
            let (mut singles, mut multi) = (vec![], vec![]);
            for c in (0..=0x10ffff).filter_map(char::from_u32) {
                let m = map(c);
                match (m.chars().count(), m.chars().next()) {
                    (1, Some(x)) if x != c => singles.push((c as u32, x as i32 - c as i32)),
                    (1, _) => {}
                    _ => multi.push((c, m)),
                }
            }
            let (mut out, mut i) = (vec![], 0);
            while i < singles.len() {
                let (start, delta) = singles[i];
                let mut best = (1, 1);
                for stride in [1u32, 2] {
                    let mut n = 1;
                    while singles.get(i + n).is_some_and(|&(c, d)| c == start + n as u32 * stride && d == delta) {
                        n += 1;
                    }
                    if n > best.0 {
                        best = (n, stride);
                    }
                }
                out.push((start, best.0 as u32, delta, best.1));
                i += best.0;
            }
            (out, multi)
        }
        fn packed(name: &str, runs: &[Run]) {
            println!("#[rustfmt::skip]\nconst {name}: [u64; {}] = [", runs.len());
            let mut line = String::from("   ");
            for &(start, n, delta, stride) in runs {
                assert!(start < 1 << 21 && n < 128 && delta.abs() < 1 << 16);
                let v = u64::from(start)
                    | u64::from(n) << 21
                    | u64::from(stride - 1) << 28
                    | (i64::from(delta) as u64 & 0x1ffff) << 29;
                let item = format!(" 0x{v:x},");
                if line.len() + item.len() > 116 {
                    println!("{line}");
                    line = String::from("   ");
                }
                line.push_str(&item);
            }
            println!("{line}\n];");
        }
        fn flips(name: &str, bounds: &[u32]) {
            let (mut line, mut prev) = (String::from("    "), 0);
            println!("const {name}: &[u8] = b\"\\");
            for &b in bounds {
                let mut gap = b - prev;
                prev = b;
                loop {
                    let byte = (gap & 0x7f) as u8 | if gap > 0x7f { 0x80 } else { 0 };
                    gap >>= 7;
                    let e = match byte {
                        b'"' | b'\\' => format!("\\{}", byte as char),
                        0x20..=0x7e => (byte as char).to_string(),
                        _ => format!("\\x{byte:02x}"),
                    };
                    if line.len() + e.len() > 115 {
                        println!("{line}\\");
                        line = String::from("    ");
                    }
                    line.push_str(&e);
                    if gap == 0 {
                        break;
                    }
                }
            }
            println!("{line}\";");
        }
        let (upper, multi) = runs(|c| c.to_uppercase().collect());
        let (lower, lower_multi) = runs(|c| c.to_lowercase().collect());
        assert_eq!(lower_multi, [('\u{130}', "i\u{307}".to_string())]);
        packed("UPPER_RUNS", &upper);
        packed("LOWER_RUNS", &lower);
        let entries: Vec<String> = multi.iter().map(|(c, m)| format!("{c}{m}")).collect();
        let mut line = String::from("    ");
        println!("const UPPER_MULTI: &str = \"\\");
        for (i, entry) in entries.iter().enumerate() {
            // Each char escaped on its own, so that combining marks show as `\u{…}`.
            let mut e: String = entry.chars().flat_map(char::escape_debug).collect();
            if i + 1 < entries.len() {
                e.push(' ');
            }
            if line.len() + e.len() > 114 {
                println!("{line}\\");
                line = String::from("    ");
            }
            line.push_str(&e);
        }
        println!("{line}\";");
        // What Final_Sigma does with a char x before a capital sigma tells its class: skipped (Case_Ignorable),
        // cased, or neither.
        let (mut skip, mut cased, mut in_skip, mut in_cased) = (vec![], vec![], false, false);
        for u in 0..=0x110000 {
            let (is_skip, is_cased) = match char::from_u32(u) {
                Some(x) => {
                    let alone = format!("{x}\u{3a3}").to_lowercase().ends_with('\u{3c2}');
                    let after_a = format!("A{x}\u{3a3}").to_lowercase().ends_with('\u{3c2}');
                    (!alone && after_a, alone)
                }
                None => (false, false),
            };
            if is_skip != in_skip {
                skip.push(u);
                in_skip = is_skip;
            }
            if is_cased != in_cased {
                cased.push(u);
                in_cased = is_cased;
            }
        }
        flips("SIGMA_SKIP", &skip);
        flips("SIGMA_CASED", &cased);
    }

    #[test]
    fn a_str_repr_picks_quotes_and_escapes_only_the_unprintable() {
        for &(s, want) in REPR_STR {
            assert_eq!(str_repr(s), want, "{s:?}");
        }
        // Boundaries at the far end of the table (python3: '\U000e0100'.isprintable() and not '\U000e01f0'...).
        assert!(!is_printable('\u{10ffff}') && is_printable('\u{e0100}') && !is_printable('\u{e01f0}'));
    }

    #[test]
    fn int_and_float_parse_strings_as_python_does() {
        for &(s, base, want) in PARSE_INT {
            let got = match parse_int(s, base) {
                Ok(v) => v.to_string(),
                Err(e) if e.starts_with("OverflowError") => "Overflow".into(),
                Err(e) => e,
            };
            assert_eq!(got, want, "int({s:?}, {base})");
        }
        for &(s, want) in PARSE_FLOAT {
            let got = parse_float(s).map(|v| format!("{:#018x}", v.to_bits()));
            assert_eq!(flat(got), want, "float({s:?})");
        }
    }

    #[test]
    fn round_goes_half_to_even_on_the_exact_decimal_value() {
        for &(x, n, want) in ROUND_CASES {
            let got = round_float(f64::from_bits(x), n).map(|v| format!("{:#018x}", v.to_bits()));
            assert_eq!(flat(got), want, "round({}, {n})", f64::from_bits(x));
        }
        for &(x, want) in ROUND_INT {
            let got = match round_to_int(f64::from_bits(x)) {
                Ok(v) => v.to_string(),
                Err(e) if e.contains("(Loopscope)") => "Overflow".into(),
                Err(e) => e,
            };
            assert_eq!(got, want, "round({})", f64::from_bits(x));
        }
        assert_eq!(float_to_int(-3.99), Ok(-3));
    }

    #[test]
    fn floor_division_and_modulo_take_the_divisors_sign() {
        for &(a, b, q, r) in FLOAT_DIVMOD {
            let (a, b) = (f64::from_bits(a), f64::from_bits(b));
            assert_eq!(float_floordiv(a, b).to_bits(), q, "{a} // {b}");
            assert_eq!(float_mod(a, b).to_bits(), r, "{a} % {b}");
        }
        for &(a, b, q, r) in INT_DIVMOD {
            assert_eq!((int_floordiv(a, b), int_mod(a, b)), (q, r), "{a}, {b}");
        }
    }
}
