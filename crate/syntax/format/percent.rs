//! printf-style `%` formatting, a port of CPython's `PyUnicode_Format`. The interpreter walks the pieces, fetches an
//! argument for each `*` and each conversion, and calls the `percent_*` function for the argument's type.

use super::float::{digits, layout};
use super::numbers::float_to_int_check;
use super::{verr, MAX_WIDTH};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{float_repr, str_repr};

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
}
